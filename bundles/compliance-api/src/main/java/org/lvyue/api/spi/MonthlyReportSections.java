package org.lvyue.api.spi;

import java.time.LocalDate;
import java.util.List;

import org.lvyue.api.assessment.MonthlyAttainment;
import org.lvyue.api.fact.Fact;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a domain adds to its monthly report (附件二's 月度报告: the support SLA and tickets, certificate or
 * key usage...), between the month's records and its findings. A domain bundle registers it as an OSGi
 * service (a DS component) with the service property {@value #DOMAINS} naming the domains whose reports
 * it adds to, so it comes and goes with the bundle. Figures are counted from facts; violations stay with
 * the rules.
 */
@ConsumerType
public interface MonthlyReportSections {
    /** Service property: the domain ids (a String or String[]) whose monthly report shows these sections. */
    String DOMAINS = "lvyue.report.domains";

    /** The sections, in order; empty when the domain has nothing to add for the month. */
    List<ReportSection> sections(Month month);

    /**
     * The month being reported and a way to read the contract's stored facts.
     *
     * @param contractId the contract
     * @param domain     the domain whose report this is
     * @param attainment the month measured like a quarter (support response figures included)
     * @param facts      the stored facts of a kind, by date
     */
    record Month(String contractId, String domain, MonthlyAttainment attainment, Facts facts) {
        public LocalDate from() {
            return attainment.from();
        }

        public LocalDate to() {
            return attainment.to();
        }
    }

    /** The contract's stored facts of one kind dated from {@code from} to {@code to} (inclusive), in date order. */
    @FunctionalInterface
    interface Facts {
        List<Fact> of(String kind, LocalDate from, LocalDate to);
    }
}
