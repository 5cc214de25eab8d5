package org.lvyue.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.audit.AuditSelection;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ContractRecords;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.engine.SelectiveContractLoader;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.store.StoredContract;
import org.lvyue.core.internal.ContractDefinitionReader;
import org.lvyue.core.internal.StoreContractLoader;
import org.lvyue.engine.internal.DroolsEngine;
import org.lvyue.store.JdbcStore;

/**
 * A demo year (at a tenth of its size: 7,000 facts, 110,000 audit entries) written into a real H2 store and read back
 * the way the product builds a working memory (the core's loader: the audit entries the rules read, selected by the
 * store's query) answers exactly as the same records handed to the engine whole, at its first build and again after
 * each release.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DemoYearRebuiltFromTheStoreTest {
    @TempDir
    Path dir;

    @Test
    void the_year_read_from_the_store_with_the_entries_its_rules_read_answers_as_its_records_held_whole_and_again_after_each_release()
            throws Exception {
        DemoOptions o = DemoFixture.options();
        DemoData data = DemoYear.generate(new DemoOptions(o.seed(), 0.1, o.from(), o.to()));
        String definition = ContractDefinitionReader.demoDefinition();
        Contract contract = ContractDefinitionReader.read(definition);
        List<Fact> facts = new ArrayList<>(DemoFixture.validate(contract, data.facts()));
        facts.addAll(DemoFixture.validate(contract, DemoFixture.pkiFacts(data)));
        DroolsEngine engine = DemoFixture.engineWithEveryDomain();
        try (JdbcStore store = new JdbcStore("jdbc:h2:file:" + dir.resolve("lvyue"))) {
            store.saveContract(new StoredContract(contract.id(), contract.version(), definition, Instant.now(), "test"));
            for (int i = 0; i < facts.size(); i += 1000) {
                store.appendFacts(contract.id(), facts.subList(i, Math.min(facts.size(), i + 1000)), "test");
            }
            List<AuditEvent> chunk = new ArrayList<>();
            for (Iterator<AuditEvent> it = data.auditEvents(); it.hasNext(); ) {
                chunk.add(it.next());
                if (chunk.size() == 20_000 || !it.hasNext()) {
                    store.appendAuditEvents(contract.id(), chunk);
                    chunk = new ArrayList<>();
                }
            }
            List<AuditEvent> stored = new ArrayList<>();
            store.forEachAuditEvent(contract.id(), stored::add);

            engine.load(contract, store.facts(contract.id()));
            engine.addAuditEvents(contract.id(), stored);
            List<String> whole = described(engine.evaluate(contract.id(), DemoFixture.TODAY));
            engine.unload(contract.id());

            CountingLoader loader = new CountingLoader(new StoreContractLoader(store, id -> contract));
            engine.open(contract.id(), loader);
            List<String> first = described(engine.evaluate(contract.id(), DemoFixture.TODAY));
            engine.release(contract.id());
            List<String> rebuilt = described(engine.evaluate(contract.id(), DemoFixture.TODAY));

            assertTrue(whole.stream().anyMatch(f -> f.startsWith("security-audit/")), "the audit entries count: " + whole);
            assertEquals(whole, first, "read with the entries its rules read");
            assertEquals(first, rebuilt, "rebuilt after a release");
            assertEquals(1, engine.memory().rebuilds());
            assertEquals(2, loader.reads.get());
            assertTrue(loader.entries.get() > 0 && loader.entries.get() < stored.size() / 2,
                    "read " + loader.entries.get() + " of the " + stored.size() + " entries stored");
        } finally {
            engine.close();
        }
    }

    /** Every finding and ledger entry in full: key, severity, title, detail, facts; amount. */
    private static List<String> described(Evaluation e) {
        List<String> out = new ArrayList<>();
        e.findings().forEach(f -> out.add(f.getKey() + " " + f.getSeverity() + " " + f.getTitle() + " " + f.getDetail() + " "
                + f.getFactIds() + " " + f.getOccurrences()));
        e.ledger().forEach(l -> out.add(l.getKey() + " " + l.getAmount() + " " + l.getFactIds()));
        out.add("facts " + e.factCount());
        return out;
    }

    /** The product's loader, counting its reads and the audit entries of the last one. */
    private static final class CountingLoader implements SelectiveContractLoader {
        private final SelectiveContractLoader loader;
        final AtomicLong reads = new AtomicLong();
        final AtomicLong entries = new AtomicLong();

        CountingLoader(SelectiveContractLoader loader) {
            this.loader = loader;
        }

        @Override
        public ContractRecords load(String contractId) {
            return counted(loader.load(contractId));
        }

        @Override
        public ContractRecords load(String contractId, AuditSelection auditLog) {
            return counted(loader.load(contractId, auditLog));
        }

        private ContractRecords counted(ContractRecords r) {
            reads.incrementAndGet();
            entries.set(r.auditLog().size());
            return r;
        }
    }
}
