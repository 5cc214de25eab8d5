package org.lvyue.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.core.internal.DemoValidation;
import org.lvyue.engine.internal.DroolsEngine;

/**
 * A what-if is answered by the contract's live working memory and taken back: on the network contract's demo year
 * with every shipped domain, it answers exactly what the same facts answer once they are really added, and the memory
 * answers afterwards exactly as before, also when the what-if asks about another day than the memory was last asked.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WhatIfOnTheLiveMemoryTest {
    private DroolsEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void a_what_if_on_the_live_memory_answers_as_the_facts_would_and_leaves_the_memory_as_it_was() throws Exception {
        engine = DemoFixture.engineWithEveryDomain();
        ContractYear year = DemoYear.network(DemoFixture.options());
        Contract contract = DemoValidation.demoContract(DemoYear.NETWORK_CONTRACT);
        List<Fact> facts = DemoFixture.validate(contract, year.facts());
        engine.load(contract, facts);
        Evaluation before = engine.evaluate(contract.id(), DemoFixture.TODAY);

        // a normal daily inspection of 2022-11-15 moved to 11-16 (a missed day appears), and a new abnormal one of
        // 11-17 without its fault record (a finding appears); asked about 2022-12-01, not the memory's last day
        Fact normal = facts.stream().filter(f -> f.getKind().equals("network-security.inspection")
                && "normal".equals(f.getStatus()) && f.getDate().equals(LocalDate.of(2022, 11, 15))).findFirst().orElseThrow();
        List<Fact> extra = List.of(
                normal.toBuilder().date(LocalDate.of(2022, 11, 16)).build(),
                normal.toBuilder().id("what-if-abnormal").date(LocalDate.of(2022, 11, 17)).status("abnormal").build());
        LocalDate day = LocalDate.of(2022, 12, 1);

        Evaluation whatIf = engine.evaluateWith(contract.id(), extra, day);
        Evaluation after = engine.evaluate(contract.id(), DemoFixture.TODAY);

        assertEquals(keys(before), keys(after), "the memory answers as before the what-if");
        assertEquals(before.findings(), after.findings());
        assertEquals(before.ledger(), after.ledger());
        assertEquals(facts.size() + 1, whatIf.factCount());

        engine.addFacts(contract.id(), extra);
        Evaluation real = engine.evaluate(contract.id(), day);
        assertNotEquals(keys(engine.evaluate(contract.id(), DemoFixture.TODAY)), keys(before), "the extra facts change findings");
        assertEquals(keys(real), keys(whatIf), "the what-if answers as the facts do once added");
        assertTrue(whatIf.findings().stream().anyMatch(f -> f.getFactIds().contains("what-if-abnormal")),
                "the abnormal check without a fault record is found");
    }

    private static List<String> keys(Evaluation e) {
        List<String> out = new ArrayList<>();
        for (Finding f : e.findings()) {
            out.add(f.getKey() + " " + f.getSeverity() + " " + f.getTitle() + " " + f.getDetail() + " " + f.getFactIds());
        }
        e.ledger().forEach(l -> out.add(l.getKey() + " " + l.getAmount()));
        return out;
    }
}
