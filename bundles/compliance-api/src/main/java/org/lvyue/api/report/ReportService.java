package org.lvyue.api.report;

import java.time.LocalDate;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Renders and signs the contract's formal reports. Every method validates its request before
 * rendering anything.
 *
 * @throws org.lvyue.api.service.NotFoundException     for an unknown contract or domain
 * @throws org.lvyue.api.service.InvalidInputException for a malformed or out-of-period quarter or month
 */
@ProviderType
public interface ReportService {

    /** 季度运维服务质量考核报告 of {@code quarter} ({@code 2022-Q3}), as of today. */
    Report quarterly(String contractId, String quarter);

    /** The monthly report of one domain ({@code support}, {@code pki}...) for {@code month} ({@code 2022-07}). */
    Report monthly(String contractId, String domain, String month);

    /** 违约金与退款明细: every amount owed either way on {@code asOf} (today when null). */
    Report ledger(String contractId, LocalDate asOf);

    /**
     * 解除合同结算单: the settlement when the contract was terminated, with the pro-rata refund.
     *
     * @throws org.lvyue.api.service.NotFoundException when no termination took effect
     */
    Report settlement(String contractId);
}
