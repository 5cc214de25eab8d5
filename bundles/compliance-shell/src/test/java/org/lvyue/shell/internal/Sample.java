package org.lvyue.shell.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Party;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.ledger.Payer;
import org.lvyue.testing.FakeContracts;
import org.lvyue.testing.FakeFindings;

/** The contract the shell's tests run on, and the domains, findings and amounts they give it. */
final class Sample {
    static final String ID = "bj-hrss-2022";
    static final LocalDate TODAY = LocalDate.of(2023, 1, 10);

    private Sample() {
    }

    static Contract contract() {
        return new Contract(ID, 4, "安全应用维护服务", "", "0733-22182237",
                new Party("甲方", "北京市人力资源和社会保障局", null), new Party("乙方", "北京国信博飞科技发展有限公司", null),
                new BigDecimal("6085700.00"), LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31), LocalDate.of(2022, 12, 13));
    }

    /** The product holding only {@link #contract()}, on {@link #TODAY}. */
    static FakeContracts contracts() {
        return new FakeContracts(TODAY, contract());
    }

    /** Findings of {@link #contract()}; an evaluation stands on the domains general-terms and support. */
    static FakeFindings findings(FakeContracts contracts) {
        FakeFindings findings = new FakeFindings(contracts);
        findings.domains.addAll(List.of(domain("general-terms"), domain("support")));
        return findings;
    }

    static DomainStatus domain(String id) {
        return new DomainStatus("org.lvyue.domain-" + id, "0.1.0.SNAPSHOT", 42, id, "领域 " + id, DomainState.ACTIVE, 3,
                List.of(), Instant.parse("2023-01-10T00:00:00Z"));
    }

    static Finding finding(String domain, String rule, Severity severity, String period, LocalDate start, LocalDate end,
                           String title) {
        return Finding.builder().contractId(ID).domain(domain).rule(rule).clause("一般条款 七.1").severity(severity)
                .period(start, end, period).title(title).build();
    }

    /** The finding as recorded with this status, by its domain's bundle. */
    static FindingRecord recorded(Finding f, FindingStatus status) {
        return new FindingRecord(f, status, Instant.parse("2022-08-11T01:00:00Z"), Instant.parse("2022-08-11T01:00:00Z"),
                null, "org.lvyue." + f.getDomain(), "0.1.0");
    }

    static LedgerEntry penalty(String factId) {
        return LedgerEntry.builder().contractId(ID).rule("一般条款七.1-服务不合格违约金").discriminator(factId).clause("一般条款 七.1")
                .payer(Payer.SUPPLIER).kind("违约金").amount(new BigDecimal("182571.00")).title("服务不合格违约金")
                .formula("A × 服务不合格违约金比例").input("A", "6085700.00").input("服务不合格违约金比例", "3%")
                .interpretations("serviceFailure.occurrence=confirmed-failure（默认）").facts(factId).build();
    }

    /** 一般条款 十六: 59 days after expiry, 6,085,700.00 × 59 ÷ 365 = 983,715.89, owed by the new service provider. */
    static LedgerEntry afterExpiryFee() {
        return LedgerEntry.builder().contractId(ID).rule("一般条款十六").clause("一般条款 十六").payer(Payer.NEW_SUPPLIER)
                .kind("服务费").amount(new BigDecimal("983715.89")).title("合同期满后继续服务 59 天的服务费，由新服务商提供")
                .formula("A × 服务天数 ÷ 当年天数").input("A（合同款）", "6085700.00").input("服务天数", 59).input("当年天数", 365)
                .facts("after-expiry:2023-02").build();
    }
}
