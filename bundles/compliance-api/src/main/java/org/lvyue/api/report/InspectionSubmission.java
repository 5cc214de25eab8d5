package org.lvyue.api.report;

import java.util.List;

import org.lvyue.api.access.Membership;
import org.lvyue.api.contract.Contract;
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

    /**
     * Whether a user holding {@code memberships} may submit the contract's 巡检报告: the supplier submits it to the client,
     * so an engineer or an admin of the contract's supplier organisation may; the client's admins, the evaluators (and
     * the installation's operator, acting for no party) read it but do not submit it. The REST API and the shell ask
     * this one rule.
     */
    public static boolean submittedBy(Contract contract, List<Membership> memberships) {
        String supplier = contract.supplier() == null ? null : contract.supplier().organisation();
        return supplier != null && memberships.stream().anyMatch(m -> m.organisation().equals(supplier)
                && (m.role().equals(Membership.ENGINEER) || m.role().equals(Membership.ADMIN)));
    }

    /** The refusal of a user who may not submit it, Chinese first, for the API's 403 and the shell. */
    public static String refusal(Contract contract, String user) {
        String supplier = contract.supplier() == null ? "乙方" : contract.supplier().name();
        return "巡检报告由乙方（" + supplier + "）提交给甲方：只有乙方机构的工程师或管理员可以提交，用户 '" + user
                + "' 不是；甲方与评估方可阅读报告 (only the supplier's engineers and admins submit the inspection report)";
    }
}
