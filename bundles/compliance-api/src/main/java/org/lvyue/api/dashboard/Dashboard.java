package org.lvyue.api.dashboard;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.lvyue.api.finding.Severity;

/**
 * Where a contract stands on one day, in the figures the console's first page shows: attainment by
 * domain and by month, open findings by severity, the money to date, the support SLA, and the
 * deadlines of the coming week.
 *
 * @param contractId     the contract
 * @param asOf           the day
 * @param ruleSetVersion the rule set of the recorded findings it reads
 * @param byDomain       per domain, the obligation-periods over the service period up to {@code asOf}
 * @param byMonth        every month of the service period up to {@code asOf}
 * @param openBySeverity open (not waived) findings per severity; every severity present
 * @param money          the ledger's totals as of {@code asOf}
 * @param sla            support-request attainment over the service period up to {@code asOf}
 * @param deadlines      what falls due from {@code asOf} to seven days after it, by date
 */
public record Dashboard(String contractId, LocalDate asOf, long ruleSetVersion, List<DomainRate> byDomain,
                        List<MonthRate> byMonth, Map<Severity, Integer> openBySeverity, Money money, Sla sla,
                        List<Deadline> deadlines) {
    public Dashboard {
        byDomain = List.copyOf(byDomain);
        byMonth = List.copyOf(byMonth);
        openBySeverity = Map.copyOf(openBySeverity);
        deadlines = List.copyOf(deadlines);
    }

    /**
     * @param due    obligation-periods that fell due
     * @param met    due and not missed
     * @param missed missed and not waived
     * @param waived missed but waived
     * @param rate   {@code met / due}, or null when nothing fell due
     */
    public record DomainRate(String domain, String name, int due, int met, int missed, int waived, Double rate) {
    }

    /** One month, all domains together; {@code month} as {@code 2022-07}. */
    public record MonthRate(String month, int due, int met, int missed, int waived, Double rate) {
    }

    /**
     * The ledger as of the day, each sum over the unwaived entries. Everything but
     * {@code newSupplierOwes} is between 甲方 and 乙方.
     *
     * @param penalties       what the supplier owes besides refunds (违约金, 损失赔偿)
     * @param interest        the client's late-payment interest (逾期付款违约金)
     * @param refunds         what the supplier must pay back (退款)
     * @param fees            what the client owes besides interest (服务费: the days served when 乙方 ends the contract
     *                        for non-payment, 七.2)
     * @param waived          the waived entries, whoever owes them
     * @param net             what the supplier owes minus what the client owes
     * @param newSupplierOwes what the new service provider owes ({@link org.lvyue.api.ledger.Ledger#newSupplierOwes()}):
     *                        十六's fee for service after expiry, in no other figure here
     * @param currency        {@code CNY}
     */
    public record Money(BigDecimal penalties, BigDecimal interest, BigDecimal refunds, BigDecimal fees,
                        BigDecimal waived, BigDecimal net, BigDecimal newSupplierOwes, String currency) {
    }

    /**
     * @param tickets support requests received
     * @param met     requests that met every response target
     * @param missed  requests that missed the phone or the on-site target
     * @param rate    {@code met / tickets}, or null without requests
     */
    public record Sla(int tickets, int met, int missed, Double rate) {
    }

    /**
     * Something that falls due soon.
     *
     * @param date   the day it falls due
     * @param kind   {@code report}, {@code certificate}, {@code drill}, {@code assessment} or {@code other}
     * @param title  what, in Chinese
     * @param domain the domain it belongs to
     * @param ref    the obligation id, fact id or period it derives from
     */
    public record Deadline(LocalDate date, String kind, String title, String domain, String ref) {
    }
}
