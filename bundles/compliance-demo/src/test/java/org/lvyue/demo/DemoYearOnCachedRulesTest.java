package org.lvyue.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.core.internal.DemoValidation;
import org.lvyue.engine.internal.CompiledPackageCache;
import org.lvyue.engine.internal.DroolsEngine;

/**
 * The shipped rules read back from the cache of compiled packages (what a restart does) evaluate the demo year
 * to exactly what the freshly compiled rules find: every consequence, accumulate and function survives the trip.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DemoYearOnCachedRulesTest {
    @TempDir
    Path cacheDir;

    @Test
    void the_demo_year_on_rules_taken_from_the_cache_has_the_findings_and_ledger_of_freshly_compiled_rules() throws Exception {
        CompiledPackageCache first = new CompiledPackageCache(cacheDir, CompiledPackageCache.engineKey("demo-test"));
        Evaluation compiled = evaluateTheYear(first);
        assertEquals(0, first.hits());
        assertEquals(Catalogues.MODULES.size(), first.misses(), "every shipped bundle compiled and kept");

        CompiledPackageCache second = new CompiledPackageCache(cacheDir, CompiledPackageCache.engineKey("demo-test"));
        Evaluation cached = evaluateTheYear(second);

        assertEquals(Catalogues.MODULES.size(), second.hits(), "every shipped bundle read back");
        assertEquals(0, second.misses());
        assertTrue(compiled.findings().size() >= 20, "the demo year's violations are found: " + compiled.findings().size());
        assertEquals(compiled.findings().stream().map(Finding::getKey).sorted().toList(),
                cached.findings().stream().map(Finding::getKey).sorted().toList());
        assertEquals(compiled.findings().stream().map(f -> f.getKey() + " " + f.getTitle() + " " + f.getFactIds()).sorted().toList(),
                cached.findings().stream().map(f -> f.getKey() + " " + f.getTitle() + " " + f.getFactIds()).sorted().toList());
        assertEquals(compiled.ledger().stream().map(DemoYearOnCachedRulesTest::describe).sorted().toList(),
                cached.ledger().stream().map(DemoYearOnCachedRulesTest::describe).sorted().toList());
    }

    private static String describe(LedgerEntry e) {
        return e.getRule() + " " + e.getFactIds() + " " + e.getAmount();
    }

    private static Evaluation evaluateTheYear(CompiledPackageCache cache) throws Exception {
        DroolsEngine engine = DemoFixture.engineWithEveryDomain(cache);
        try {
            DemoData data = DemoFixture.standard();
            List<Fact> facts = new ArrayList<>(DemoFixture.validated(data));
            facts.addAll(DemoFixture.validate(DemoFixture.pkiFacts(data)));
            Contract contract = DemoValidation.demoContract();
            engine.load(contract, facts);
            List<AuditEvent> chunk = new ArrayList<>();
            for (Iterator<AuditEvent> it = data.auditEvents(); it.hasNext(); ) {
                chunk.add(it.next());
                if (chunk.size() == 50_000) {
                    engine.addAuditEvents(contract.id(), chunk);
                    chunk.clear();
                }
            }
            engine.addAuditEvents(contract.id(), chunk);
            return engine.evaluate(contract.id(), DemoFixture.TODAY);
        } finally {
            engine.close();
        }
    }
}
