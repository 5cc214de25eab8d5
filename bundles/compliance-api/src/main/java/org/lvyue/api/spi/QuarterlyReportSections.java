package org.lvyue.api.spi;

import java.util.List;
import java.util.Map;

import org.lvyue.api.assessment.QuarterlyAssessment;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a domain adds to the quarterly assessment report (季度运维服务质量考核报告): lines of the verdict
 * section and sections of its own, between the attainment chart and the findings. Registered as an OSGi
 * service like {@link MonthlyReportSections}, with {@link MonthlyReportSections#DOMAINS} naming its
 * domains; shown while one of them is active.
 */
@ConsumerType
public interface QuarterlyReportSections {
    /** Label/value lines added to the verdict (考核结论), after the obligations' attainment; empty for none. */
    Map<String, String> verdictLines(QuarterlyAssessment assessment);

    /** The sections, in order; empty for none. */
    List<ReportSection> sections(QuarterlyAssessment assessment);
}
