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

    /**
     * 检查运维单 (附件二 「每日检查…并生成检查运维单」) of one service on one day: every check item due that day with its
     * result per system, note, engineer and time, the abnormal items with their fault records, and the signature lines
     * of the engineer and the client's reviewer.
     *
     * @param domain a service the contract buys ({@code identity-auth}...)
     * @param day    {@code 2022-07-05}, in the service period and not after today
     * @throws org.lvyue.api.service.NotFoundException     for an unknown contract, or a domain the contract does not buy
     * @throws org.lvyue.api.service.InvalidInputException naming {@code day} when malformed, outside the period or to come
     */
    Report daily(String contractId, String domain, String day);

    /**
     * 周检查记录单 (附件三 「定期维护需要形成相关的记录单」): the weekly items of one service in an ISO week
     * ({@code 2022-W27}) with what was recorded against each.
     *
     * @throws org.lvyue.api.service.InvalidInputException naming {@code week}
     */
    Report weekly(String contractId, String domain, String isoWeek);

    /**
     * 月度检查记录单: the monthly (and longer) items of one service in {@code month} ({@code 2022-07}) with what was
     * recorded against each.
     *
     * @throws org.lvyue.api.service.InvalidInputException naming {@code month}
     */
    Report records(String contractId, String domain, String month);

    /**
     * 巡检报告 (一般条款 八.3 「每月开展一次应用系统巡检，并提交巡检报告」) of {@code month}: per service the checks due and
     * done, the abnormal results and how each was resolved, the fault records and the findings of the month.
     *
     * @throws org.lvyue.api.service.InvalidInputException naming {@code month}
     */
    Report inspection(String contractId, String month);

    /**
     * Submits the month's 巡检报告: renders it as {@link #inspection} does and records, through the normal intake, the
     * {@code terms.report} fact of the general terms' obligation for it (dated today, the engineer its source), so the
     * product's own deliverable closes its own obligation. Submitting it again the same day stores nothing new.
     *
     * @throws org.lvyue.api.service.InvalidInputException naming {@code month}, also for a month not over yet
     * @throws org.lvyue.api.service.NotFoundException     when no running catalogue holds the obligation
     */
    InspectionSubmission submitInspection(String contractId, String month, String user);
}
