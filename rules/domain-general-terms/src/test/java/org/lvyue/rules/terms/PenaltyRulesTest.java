package org.lvyue.rules.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.rules.terms.LatePaymentRulesTest.only;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.ledger.Payer;
import org.lvyue.engine.internal.DomainSources;
import org.lvyue.engine.internal.DroolsEngine;

/**
 * 一般条款 七.1 and 十.2 on the demo contract: 3% of A = 6,085,700.00 × 0.03 = 182,571.00 per service
 * failure or failed quarter; 20% = 1,217,140.00 for a confidentiality breach, plus every fee received.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PenaltyRulesTest {
    private static final String FAILURE = "一般条款七.1 服务不合格违约金";
    private TermsHarness terms;

    @TempDir
    Path probeDomain;

    @AfterEach
    void close() {
        if (terms != null) {
            terms.close();
        }
    }

    @Test
    void each_confirmed_service_failure_costs_three_percent_and_a_disputed_one_nothing() {
        terms = new TermsHarness();
        terms.fact("service.failure", "2022-03-02", null, "confirmed", null, "description", "日检未执行")
                .fact("service.failure", "2022-05-10", null, "confirmed", null, "description", "现场响应超时")
                .fact("service.failure", "2022-06-01", null, "disputed", null, "description", "有争议");
        List<LedgerEntry> penalties = terms.ledger("2023-01-10", FAILURE);
        assertEquals(2, penalties.size());
        for (LedgerEntry e : penalties) {
            assertEquals(new BigDecimal("182571.00"), e.getAmount());
            assertEquals(Payer.SUPPLIER, e.getPayer());
            assertEquals("A × 服务不合格违约金比例", e.getFormula());
            assertEquals(List.of("serviceFailure.occurrence=confirmed-failure（默认）"), e.getInterpretations());
        }
        assertEquals(2, terms.findings("2023-01-10", FAILURE).size());
    }

    @Test
    void a_quarter_the_evaluator_fails_costs_three_percent() {
        terms = new TermsHarness();
        terms.fact("assessment.quarterly", "2022-10-08", "2022-Q3", "fail", null, "score", "72")
                .fact("assessment.quarterly", "2022-07-08", "2022-Q2", "pass", null, "score", "91");
        LedgerEntry e = only(terms.ledger("2023-01-10", "一般条款七.1 季度考核不合格违约金"));
        assertEquals(new BigDecimal("182571.00"), e.getAmount());
        assertEquals("2022-Q3", e.getInputs().get("季度"));
        Finding f = only(terms.findings("2023-01-10", "一般条款七.1 季度考核不合格违约金"));
        assertEquals(LocalDate.of(2022, 7, 1), f.getPeriodStart());
        assertTrue(f.getDetail().contains("得分 72"), f.getDetail());
    }

    @Test
    void the_cap_interpretation_trims_penalties_above_the_contract_amount() {
        // 34 × 182,571.00 = 6,207,414.00 > 6,085,700.00: adjustment −121,714.00; 33 × = 6,024,843.00: none
        terms = new TermsHarness("serviceFailure.cap=contract-amount");
        for (int i = 1; i <= 33; i++) {
            terms.fact("service.failure", "2022-02-01", null, "confirmed", null, "description", "第 " + i + " 次");
        }
        assertEquals(List.of(), terms.ledger("2023-01-10", "一般条款七.1 服务不合格违约金上限"));
        terms.fact("service.failure", "2022-02-02", null, "confirmed", null, "description", "第 34 次");
        LedgerEntry cap = only(terms.ledger("2023-01-10", "一般条款七.1 服务不合格违约金上限"));
        assertEquals(new BigDecimal("-121714.00"), cap.getAmount());
        BigDecimal total = terms.at("2023-01-10").ledger().stream().map(LedgerEntry::getAmount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(new BigDecimal("6085700.00"), total);
    }

    @Test
    void without_the_cap_interpretation_penalties_are_not_trimmed() {
        terms = new TermsHarness();
        for (int i = 1; i <= 34; i++) {
            terms.fact("service.failure", "2022-02-01", null, "confirmed", null, "description", "第 " + i + " 次");
        }
        assertEquals(List.of(), terms.ledger("2023-01-10", "一般条款七.1 服务不合格违约金上限"));
        assertEquals(34, terms.ledger("2023-01-10", FAILURE).size());
    }

    @Test
    void damages_agreed_by_both_parties_are_owed_and_a_mere_claim_is_not() {
        terms = new TermsHarness();
        terms.fact("damages.claim", "2022-09-01", null, "agreed", "50000.00", "description", "数据恢复费用")
                .fact("damages.claim", "2022-09-02", null, "claimed", "80000.00", "description", "停机损失");
        LedgerEntry e = only(terms.ledger("2023-01-10", "一般条款七.1 损失赔偿"));
        assertEquals(new BigDecimal("50000.00"), e.getAmount());
        assertEquals(Payer.SUPPLIER, e.getPayer());
    }

    @Test
    void a_penalty_follows_from_its_finding_so_waiving_the_finding_waives_the_amount() {
        terms = new TermsHarness();
        terms.fact("service.failure", "2022-03-02", null, "confirmed", null, "description", "日检未执行");
        Evaluation e = terms.at("2023-01-10");
        LedgerEntry penalty = only(ledger(e, FAILURE));
        Finding finding = only(e.findings().stream().filter(f -> f.getRuleName().startsWith(FAILURE)).toList());
        assertEquals(finding.getKey(), penalty.getFindingKey());
    }

    @Test
    void a_confidentiality_breach_costs_twenty_percent_and_every_fee_received() {
        terms = new TermsHarness();
        terms.fact("confidentiality.breach", "2022-08-01", null, "confirmed", null, "description", "运维人员外泄账号清单");
        assertEquals(new BigDecimal("1217140.00"), only(terms.ledger("2023-01-10", "一般条款七.1 泄密违约金")).getAmount());
        assertEquals(List.of(), terms.ledger("2023-01-10", "一般条款十.2"), "nothing received, nothing to refund");
        Finding f = only(terms.findings("2023-01-10", "一般条款七.1 泄密违约金"));
        assertEquals(Severity.CRITICAL, f.getSeverity());
        assertTrue(f.getTitle().contains("甲方有权单方面解除合同"), f.getTitle());

        terms.fact("payment.received", "2022-12-28", null, null, "6085700.00");
        LedgerEntry refund = only(terms.ledger("2023-01-10", "一般条款十.2"));
        assertEquals(new BigDecimal("6085700.00"), refund.getAmount());
        assertEquals(Payer.SUPPLIER, refund.getPayer());
    }

    /**
     * The other two readings of 七.1 need findings of other domains: a probe domain gives one HIGH
     * finding per {@code probe.miss} fact, for the month of its date.
     */
    @Test
    void under_the_deduction_scheme_a_quarter_fails_below_eighty_points() throws IOException {
        // passMark 80, HIGH deducts 5: four HIGH findings in Q3 = 80 points (passes), five = 75 (fails)
        DroolsEngine engine = engineWithProbe();
        try {
            var contract = TermsHarness.demoContract("assessment.scheme=deduction-score");
            engine.load(contract, misses(contract.id(), 4));
            assertEquals(List.of(), ledger(engine.evaluate(contract.id(), LocalDate.of(2023, 1, 10)), "一般条款七.1 季度考核"));
            engine.unload(contract.id());
            engine.load(contract, misses(contract.id(), 5));
            LedgerEntry e = only(ledger(engine.evaluate(contract.id(), LocalDate.of(2023, 1, 10)), "一般条款七.1 季度考核"));
            assertEquals(new BigDecimal("182571.00"), e.getAmount());
            assertEquals("75", e.getInputs().get("得分"));
            assertEquals("2022-Q3", e.getInputs().get("季度"));
        } finally {
            engine.close();
        }
    }

    @Test
    void when_each_serious_finding_is_an_occurrence_every_one_costs_three_percent() throws IOException {
        DroolsEngine engine = engineWithProbe();
        try {
            var contract = TermsHarness.demoContract("serviceFailure.occurrence=finding-per-obligation-period");
            engine.load(contract, misses(contract.id(), 2));
            List<LedgerEntry> penalties = ledger(engine.evaluate(contract.id(), LocalDate.of(2023, 1, 10)), FAILURE);
            assertEquals(2, penalties.size());
            assertEquals(new BigDecimal("182571.00"), penalties.get(0).getAmount());
            assertTrue(penalties.get(0).getInputs().get("发现").startsWith("probe/"), penalties.get(0).getInputs().toString());
        } finally {
            engine.close();
        }
    }

    private DroolsEngine engineWithProbe() throws IOException {
        Files.createDirectories(probeDomain.resolve("rules"));
        Files.writeString(probeDomain.resolve("catalogue.json"), """
                {"domain":"probe","title":"探针","clause":"测试","factKinds":[{"name":"probe.miss","title":"漏检"}],"obligations":[]}
                """);
        Files.writeString(probeDomain.resolve("rules/probe.drl"), """
                package probe;
                import org.lvyue.api.fact.Fact;
                import org.lvyue.api.finding.Finding;
                import org.lvyue.api.finding.Severity;
                rule "probe: one HIGH finding per miss, for its month"
                when $f : Fact(kind == "probe.miss")
                then insertLogical(Finding.builder().contractId($f.getContractId()).domain("probe").rule("miss")
                        .clause("测试").severity(Severity.HIGH)
                        .period($f.getDate().withDayOfMonth(1), $f.getDate().withDayOfMonth($f.getDate().lengthOfMonth()),
                                $f.getDate().toString().substring(0, 7))
                        .discriminator($f.getId()).title("漏检").facts($f.getId()).build());
                end
                """);
        DroolsEngine engine = new DroolsEngine();
        assertEquals(DomainState.ACTIVE, engine.deploy(DomainSources.fromDirectory(Path.of("src/main/resources"),
                "org.lvyue.domain.general-terms", "0.1.0", "general-terms")).state());
        var probe = engine.deploy(DomainSources.fromDirectory(probeDomain, "probe", "1.0.0", "probe"));
        assertEquals(DomainState.ACTIVE, probe.state(), () -> probe.problems().toString());
        return engine;
    }

    private static List<Fact> misses(String contractId, int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> Fact.builder().id("miss-" + i)
                .contractId(contractId).domain("probe").kind("probe.miss").date(LocalDate.of(2022, 8, i)).source("test")
                .build()).toList();
    }

    private static List<LedgerEntry> ledger(Evaluation e, String prefix) {
        return e.ledger().stream().filter(l -> l.getRule().startsWith(prefix)).toList();
    }
}
