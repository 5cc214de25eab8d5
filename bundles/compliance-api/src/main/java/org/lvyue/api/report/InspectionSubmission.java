package org.lvyue.api.report;

import org.lvyue.api.service.IngestResult;

/**
 * A monthly 巡检报告 submitted: the report as rendered and signed, and the fact that records its submission.
 *
 * @param report       the signed report
 * @param obligationId the obligation the fact proves, {@code terms.monthly-inspection-report}
 * @param factId       the {@code terms.report} fact's id (one a month and day: submitted again the same day, the same id)
 * @param intake       what the intake did with it (stored, or a duplicate of an earlier submission)
 */
public record InspectionSubmission(Report report, String obligationId, String factId, IngestResult intake) {
}
