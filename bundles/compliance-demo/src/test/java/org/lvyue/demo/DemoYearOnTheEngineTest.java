package org.lvyue.demo;

import org.lvyue.api.audit.AuditEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.core.internal.DemoValidation;
import org.lvyue.engine.internal.DroolsEngine;

/**
 * The demo year on the real engine with every shipped domain bundle (the rules jars on the test class path),
 * evaluated the day after its last day: each injected violation is found by the rule it names, and nothing else
 * is found, the audit-log anomalies included (the whole log goes into the working memory).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DemoYearOnTheEngineTest {
    private static DroolsEngine engine;
    private static Evaluation evaluation;
    private static DemoData data;

    @BeforeAll
    static void evaluateTheYear() throws Exception {
        engine = DemoFixture.engineWithEveryDomain();
        assertEquals(Catalogues.MODULES.size(), engine.catalogues().size(), "every rules module deployed");
        data = DemoFixture.standard();
        List<Fact> facts = new ArrayList<>(DemoFixture.validated(data));
        facts.addAll(DemoFixture.validate(DemoFixture.pkiFacts(data)));
        Contract contract = DemoValidation.demoContract();
        long t0 = System.nanoTime();
        engine.load(contract, facts);
        List<AuditEvent> chunk = new ArrayList<>();
        int events = 0;
        for (Iterator<AuditEvent> it = data.auditEvents(); it.hasNext(); events++) {
            chunk.add(it.next());
            if (chunk.size() == 50_000) {
                engine.addAuditEvents(contract.id(), chunk);
                chunk.clear();
            }
        }
        engine.addAuditEvents(contract.id(), chunk);
        evaluation = engine.evaluate(contract.id(), DemoFixture.TODAY);
        System.out.printf("evaluated %d facts and %d audit entries in %d ms: %d findings, %d ledger entries%n", facts.size(), events,
                (System.nanoTime() - t0) / 1_000_000, evaluation.findings().size(), evaluation.ledger().size());
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private static boolean finds(Finding f, InjectedViolation v) {
        return DemoFixture.finds(f, v, data.missing());
    }

    private static boolean books(LedgerEntry e, InjectedViolation v) {
        return DemoFixture.books(e, v);
    }

    @Test
    void each_injected_violation_is_found_by_the_rule_it_names() {
        List<String> unfound = new ArrayList<>();
        for (InjectedViolation v : data.violations()) {
            boolean found = evaluation.findings().stream().anyMatch(f -> finds(f, v))
                    || evaluation.ledger().stream().anyMatch(e -> books(e, v));
            if (!found) {
                unfound.add(v.id() + " " + v.expectedRule() + " " + v.description());
            }
        }
        assertEquals(List.of(), unfound);
    }

    @Test
    void nothing_but_the_injected_violations_is_found() {
        Map<String, Integer> unexplained = new TreeMap<>();
        for (Finding f : evaluation.findings()) {
            if (data.violations().stream().noneMatch(v -> finds(f, v))) {
                unexplained.merge(f.getRuleName() + " | " + f.getTitle(), 1, Integer::sum);
            }
        }
        assertEquals(Map.of(), unexplained);
    }

    @Test
    void the_ledger_holds_the_late_payment_interest_the_confirmed_failure_and_the_fee_after_expiry() {
        Set<String> rules = new HashSet<>();
        evaluation.ledger().forEach(e -> rules.add(e.getRule()));
        assertEquals(Set.of("一般条款七.2 甲方逾期付款违约金：第 31 个工作日起每日 0.5%，总额不超过 5%",
                "一般条款七.1 服务不合格违约金：甲方认定的每次服务不合格 3%", "一般条款十六 期满后继续服务：按实际服务天数计费"), rules);
        LedgerEntry interest = evaluation.ledger().stream().filter(e -> e.getRule().startsWith("一般条款七.2")).findFirst().orElseThrow();
        assertTrue(interest.getAmount().signum() > 0);
        System.out.println("ledger: " + evaluation.ledger().stream().map(e -> e.getKind() + " " + e.getAmount()).toList());
    }
}
