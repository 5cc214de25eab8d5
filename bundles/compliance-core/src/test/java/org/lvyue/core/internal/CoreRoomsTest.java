package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Renewal;
import org.lvyue.api.dashboard.Dashboard;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.service.ConflictException;
import org.lvyue.api.service.IngestResult;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.service.NotFoundException;
import org.lvyue.api.waiver.Waiver;
import org.lvyue.engine.internal.DomainSource;
import org.lvyue.engine.internal.TestDomains;
import org.lvyue.engine.internal.DroolsEngine;
import org.lvyue.store.JdbcStore;
import org.lvyue.testing.AnnotationConfigs;

/**
 * The rooms together as the framework wires them, on the real store (an H2 file) and the real engine with
 * small domains written here: the demo contract, today fixed at 2023-01-10.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CoreRoomsTest {
    private static final LocalDate TODAY = LocalDate.of(2023, 1, 10);
    private static final String DEMO = "bj-hrss-2022";
    private static final FindingQuery OPEN = new FindingQuery(null, null, null, FindingStatus.OPEN, Integer.MAX_VALUE, 0);

    @TempDir
    Path dir;

    private JdbcStore store;
    private DroolsEngine engine;
    private final LockOrder locks = new LockOrder();
    private final BusinessClock days = new BusinessClock(Clock.systemUTC(), TODAY);
    private Reevaluator reevaluator;
    private ContractRegistry registry;
    private Intake intake;
    private FactReader facts;
    private RecordedFindings findings;
    private LedgerAndWaivers accounts;
    private DashboardBuilder dashboards;
    private IntegrityChecker integrity;

    @BeforeEach
    void start() {
        store = new JdbcStore("jdbc:h2:file:" + dir.resolve("lvyue").toAbsolutePath());
        engine = new DroolsEngine();
        engine.deploy(domain(1, "emergency-drill"));
        reevaluator = new Reevaluator(store, engine, locks, days);
        engine.addSwitchListener(reevaluator); // what the engine component does with the listener registered by hand
        registry = new ContractRegistry(store, engine, reevaluator, locks, days, org.lvyue.testing.SingleNode.OWNERS, config());
        intake = new Intake(store, engine, registry, reevaluator, locks, days);
        facts = new FactReader(store, registry);
        findings = new RecordedFindings(store, engine, registry, facts, reevaluator, days);
        accounts = new LedgerAndWaivers(store, engine, registry, locks, days, reevaluator);
        dashboards = new DashboardBuilder(store, engine, registry, reevaluator, locks, days);
        integrity = new IntegrityChecker(store, registry, new StartupReadiness(engine, registry, reevaluator), config());
    }

    @AfterEach
    void stop() {
        reevaluator.deactivate();
        registry.deactivate();
        engine.close();
        store.close();
    }

    @Test
    void at_start_every_stored_contract_is_held_and_its_findings_recorded_on_the_reevaluators_thread() {
        awaitRecorded();

        // the demo portfolio: the seed's contract and the network contract, which buys network security among others
        assertEquals(List.of(DEMO, "bj-hrss-2022-wl"), registry.contracts().stream().map(c -> c.id()).toList());
        assertEquals(List.of("emergency-drill.yearly"), open().stream().map(r -> r.finding().getObligationId()).toList());
        assertEquals(engine.ruleSetVersion(), findings.findingsRuleSetVersion(DEMO));
        assertNull(reevaluator.notCheckedBecause(DEMO));
    }

    @Test
    void a_batch_is_stored_given_to_the_engine_and_its_findings_recorded_before_it_is_answered() {
        awaitRecorded();

        IngestResult r = intake.ingest(DEMO, List.of(record("r1", "emergency-drill", "2022-06-01")), "alice");

        assertEquals(1, r.stored());
        assertEquals(1, r.findingsResolved());
        assertEquals(0, r.findingsOpen());
        assertNull(r.evaluationError());
        assertEquals(List.of("r1"), facts.facts(DEMO, "emergency-drill.record").stream().map(f -> f.getId()).toList());
        assertTrue(open().isEmpty());

        IngestResult again = intake.ingest(DEMO, List.of(record("r1", "emergency-drill", "2022-06-01")), "alice");
        assertEquals(0, again.stored());
        assertEquals(List.of("r1"), again.duplicateIds());
    }

    @Test
    void a_batch_with_one_bad_fact_is_refused_whole() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> intake.ingest(DEMO,
                List.of(record("r1", "emergency-drill", "2022-06-01"), Map.of("id", "x", "kind", "no.such", "date", "2022-06-01")), "alice"));

        assertEquals(1, e.problems().size());
        assertEquals(0, store.factCount(DEMO));
    }

    @Test
    void a_batch_is_stored_while_another_thread_holds_the_contracts_lock_and_answered_once_evaluated_after_it() throws Exception {
        awaitRecorded();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> locks.underContract(DEMO, () -> {
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertTrue(held.await(10, TimeUnit.SECONDS));

        CompletableFuture<IngestResult> batch = CompletableFuture.supplyAsync(
                () -> intake.ingest(DEMO, List.of(record("r1", "emergency-drill", "2022-06-01")), "alice"));
        await(() -> store.factCount(DEMO) == 1); // on disk while the evaluation waits for the lock
        assertFalse(batch.isDone(), "not answered before the evaluation that takes it in");

        release.countDown();
        IngestResult r = batch.get(30, TimeUnit.SECONDS);
        assertEquals(1, r.stored());
        assertEquals(1, r.findingsResolved());
        holder.get(10, TimeUnit.SECONDS);
    }

    @Test
    void recording_findings_without_the_contracts_lock_is_refused() {
        assertThrows(IllegalStateException.class, () -> reevaluator.evaluateAndRecord(DEMO));
    }

    @Test
    void when_the_engine_switches_a_contract_to_a_new_rule_set_its_findings_are_recorded_again() {
        awaitRecorded();
        long before = engine.ruleSetVersion();

        engine.deploy(domain(2, "network-security"));

        await(() -> engine.ruleSetVersion() > before && reevaluator.recordedVersion(DEMO) == engine.ruleSetVersion());
        assertEquals(List.of("emergency-drill.yearly", "network-security.yearly"),
                open().stream().map(r -> r.finding().getObligationId()).sorted().toList());
    }

    @Test
    void a_contract_is_replaced_only_by_a_higher_version_and_its_findings_recorded_at_once() {
        awaitRecorded();
        int version = registry.contract(DEMO).version();
        // the demo's own services are domains this engine never saw: the one test domain it has instead
        String definition = definition(DEMO, version, "[\"emergency-drill\"]");

        assertThrows(ConflictException.class, () -> registry.defineContract(definition, "alice"));

        String higher = definition(DEMO, version + 1, "[\"emergency-drill\"]");
        registry.defineContract(higher, "alice");
        assertEquals(version + 1, registry.contract(DEMO).version());
        assertEquals(higher, registry.contractDefinition(DEMO));
        assertEquals(engine.ruleSetVersion(), reevaluator.recordedVersion(DEMO));
        assertEquals(1, open().size());
    }

    @Test
    void a_finding_is_waived_once_and_a_second_waiver_of_it_is_a_conflict() {
        awaitRecorded();
        String key = open().get(0).finding().getKey();

        Waiver w = accounts.waive(DEMO, Waiver.Target.FINDING, key, "甲方同意免于演练", null, "alice");
        assertThrows(ConflictException.class, () -> accounts.waive(DEMO, Waiver.Target.FINDING, key, "再次", null, "bob"));
        InvalidInputException unknown = assertThrows(InvalidInputException.class,
                () -> accounts.waive(DEMO, Waiver.Target.FINDING, "no-such-key", "理由", null, "bob"));
        assertEquals("key", unknown.problems().get(0).field());

        accounts.withdrawWaiver(DEMO, w.id(), "误操作", "alice");
        assertThrows(ConflictException.class, () -> accounts.withdrawWaiver(DEMO, w.id(), "误操作", "alice"));
        assertEquals(1, accounts.waivers(DEMO).size());
    }

    @Test
    void the_dashboard_is_built_once_while_nothing_changed_and_again_after_a_batch() {
        awaitRecorded();

        Dashboard first = dashboards.dashboard(DEMO, TODAY);
        assertSame(first, dashboards.dashboard(DEMO, TODAY));

        intake.ingest(DEMO, List.of(record("r1", "emergency-drill", "2022-06-01")), "alice");
        assertNotSame(first, dashboards.dashboard(DEMO, TODAY));
    }

    @Test
    void the_facts_digest_is_kept_while_the_fact_count_is_unchanged() {
        awaitRecorded();
        var first = facts.factsDigest(DEMO, TODAY);
        assertSame(first, facts.factsDigest(DEMO, TODAY));

        intake.ingest(DEMO, List.of(record("r1", "emergency-drill", "2022-06-01")), "alice");
        assertNotSame(first, facts.factsDigest(DEMO, TODAY));
    }

    @Test
    void the_evidence_chain_is_intact_after_a_batch_and_an_unknown_contract_is_not_found() {
        awaitRecorded();
        intake.ingest(DEMO, List.of(record("r1", "emergency-drill", "2022-06-01")), "alice");

        assertTrue(integrity.verifyIntegrity(DEMO).intact());
        assertTrue(integrity.lastIntegrity(DEMO).orElseThrow().intact());
        assertThrows(NotFoundException.class, () -> integrity.verifyIntegrity("no-such-contract"));
        assertThrows(NotFoundException.class, () -> intake.ingest("no-such-contract", List.of(), "alice"));
        assertThrows(NotFoundException.class, () -> findings.findings("no-such-contract", OPEN));
    }

    // ------------------------------------------------------------------ the services a contract buys

    @Test
    void a_contract_buying_one_service_gets_findings_of_that_service_only_and_refuses_facts_of_another() {
        engine.deploy(domain(2, "network-security"));
        awaitRecorded();

        registry.defineContract(definition("one-service", "{\"emergency-drill\": {}}"), "alice");
        await(() -> reevaluator.recordedVersion("one-service") == engine.ruleSetVersion());

        // the demo buys both test domains and misses both years; this contract buys the drill only
        assertEquals(List.of("emergency-drill.yearly"), findings.findings("one-service", OPEN).stream()
                .map(r -> r.finding().getObligationId()).toList());
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> intake.ingest("one-service",
                List.of(record("n1", "emergency-drill", "2022-06-01"), record("n2", "network-security", "2022-06-01")), "alice"));
        assertEquals(1, refused.problems().size());
        assertEquals(1, refused.problems().get(0).index());
        assertEquals("kind", refused.problems().get(0).field());
        assertTrue(refused.problems().get(0).reason().contains("未购买服务领域 'network-security'"), refused.problems().toString());
        assertTrue(facts.facts("one-service", "emergency-drill.record").isEmpty(), "nothing of the refused batch is stored");
    }

    @Test
    void a_definition_naming_an_unknown_domain_obligation_or_parameter_is_refused_with_the_field() {
        awaitRecorded();

        InvalidInputException unknownDomain = assertThrows(InvalidInputException.class,
                () -> registry.defineContract(definition("bad-services", "[\"emergency-drill\", \"no-such\"]"), "alice"));
        assertEquals(List.of("services.no-such"), unknownDomain.problems().stream().map(p -> p.field()).toList());

        InvalidInputException unknownObligation = assertThrows(InvalidInputException.class, () -> registry.defineContract(
                definition("bad-services", "{\"emergency-drill\": {\"obligations\": {\"emergency-drill.monthly\": {\"count\": 2}}}}"),
                "alice"));
        assertEquals(List.of("services.emergency-drill.obligations.emergency-drill.monthly"),
                unknownObligation.problems().stream().map(p -> p.field()).toList());

        InvalidInputException wrongType = assertThrows(InvalidInputException.class, () -> registry.defineContract(
                definition("bad-services", "{\"emergency-drill\": {\"obligations\": {\"emergency-drill.yearly\": {\"count\": \"两次\"}}}}"),
                "alice"));
        assertEquals("services.emergency-drill.obligations.emergency-drill.yearly.count", wrongType.problems().get(0).field());
        assertTrue(wrongType.problems().get(0).reason().contains("整数"), wrongType.problems().get(0).reason());
        assertThrows(NotFoundException.class, () -> registry.contract("bad-services"), "nothing stored");
    }

    @Test
    void a_definition_signed_in_a_year_the_calendar_lacks_is_refused_before_its_rules_could_fail_on_it() {
        awaitRecorded();
        String signed2021 = definition("signed-early", "[\"emergency-drill\"]").replace("\"signedOn\":\"2022-12-13\"",
                "\"signedOn\":\"2021-12-20\"");
        assertTrue(signed2021.contains("2021-12-20"), "the test changed the signing date");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> registry.defineContract(signed2021, "alice"));

        assertEquals("signedOn", e.problems().get(0).field());
        assertThrows(NotFoundException.class, () -> registry.contract("signed-early"));
    }

    @Test
    void a_service_whose_bundle_stops_shows_as_not_running_in_the_services_and_the_lint() {
        engine.deploy(domain(2, "network-security"));
        awaitRecorded();
        registry.defineContract(definition("two-services", "[\"emergency-drill\", \"network-security\"]"), "alice");
        assertTrue(registry.services("two-services").stream().allMatch(s -> s.running()));

        engine.undeploy(2);

        var network = registry.services("two-services").stream().filter(s -> s.domain().equals("network-security")).findFirst()
                .orElseThrow();
        assertFalse(network.running());
        assertTrue(network.reason().startsWith("未部署"), network.reason());
        assertTrue(registry.lint("two-services").stream().anyMatch(i -> i.code().equals("service-not-running")
                && i.fields().equals(List.of("services.network-security"))));
    }

    /**
     * The demo as this engine can hold a new version of it: its own services are domains the engine never saw, so
     * it buys the one test domain instead (its clause texts and everything else kept).
     */
    private void buyingTheTestDomainOnly() {
        awaitRecorded();
        registry.defineContract(definition(DEMO, registry.contract(DEMO).version() + 1, "[\"emergency-drill\"]"), "alice");
    }

    /** The demo definition under another id, buying {@code services} (JSON). */
    private static String definition(String id, String services) {
        return definition(id, 1, services);
    }

    private static String definition(String id, int version, String services) {
        try {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(ContractDefinitionReader.demoDefinition());
            root.put("id", id);
            root.put("version", version);
            root.set("services", mapper.readTree(services));
            return mapper.writeValueAsString(root);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ helpers

    private List<FindingRecord> open() {
        return findings.findings(DEMO, OPEN);
    }

    private void awaitRecorded() {
        await(() -> reevaluator.recordedVersion(DEMO) == engine.ruleSetVersion());
    }

    static void await(BooleanSupplier done) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not done within a minute");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static Map<String, Object> record(String id, String domain, String date) {
        return Map.of("id", id, "kind", domain + ".record", "date", date);
    }

    /** A domain bundle with one fact kind and one yearly obligation its rule finds missing in a year without a record. */
    @Test
    void the_demo_contracts_clause_texts_come_from_its_stored_definition_and_the_lint_asks_for_none() {
        assertTrue(registry.clauseText(DEMO, "一般条款 七.2").orElseThrow().startsWith("2. 甲方未按约定支付合同款"));
        assertTrue(registry.contractDefinition(DEMO).contains("\"clauses\""), "stored with the definition");
        assertTrue(registry.lint(DEMO).stream().noneMatch(i -> i.code().startsWith("clause-text")), registry.lint(DEMO).toString());
    }

    @Test
    void a_contracts_plain_text_becomes_its_clause_texts_in_a_new_version_of_its_definition() {
        buyingTheTestDomainOnly();
        int version = registry.contract(DEMO).version();

        registry.defineClauseText(DEMO, "合同一般条款\n七、违约条款\n2. 甲方未按约定支付合同款\n每日按迟延支付金额的 0.5% 支付违约金。\n", "alice");

        assertEquals(version + 1, registry.contract(DEMO).version());
        assertEquals(Optional.of("2. 甲方未按约定支付合同款\n每日按迟延支付金额的 0.5% 支付违约金。"),
                registry.clauseText(DEMO, "一般条款 七.2"));
        assertEquals(Optional.empty(), registry.clauseText(DEMO, "一般条款 五"), "the text replaces the texts before it");
        InvalidInputException none = assertThrows(InvalidInputException.class,
                () -> registry.defineClauseText(DEMO, "没有编号的文字", "alice"));
        assertEquals("text", none.problems().get(0).field());
        InvalidInputException empty = assertThrows(InvalidInputException.class,
                () -> registry.defineClauses(DEMO, Map.of("一般条款 五", " "), "alice"));
        assertEquals("clauses.一般条款 五", empty.problems().get(0).field());
        assertEquals(version + 1, registry.contract(DEMO).version(), "a refused text stores nothing");
    }

    @Test
    void a_definition_without_clause_texts_is_pointed_out_by_the_lint() {
        buyingTheTestDomainOnly();
        registry.defineClauses(DEMO, Map.of(), "alice");

        assertEquals(List.of("clause-texts-missing"), registry.lint(DEMO).stream().map(i -> i.code())
                .filter(c -> c.startsWith("clause-text")).toList());
        assertEquals(Optional.empty(), registry.clauseText(DEMO, "一般条款 七.2"));
    }

    @Test
    void a_renewal_makes_next_years_contract_with_everything_carried_over_and_its_dates_moved() throws Exception {
        buyingTheTestDomainOnly();
        Renewal r = new Renewal("bj-hrss-2023", LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31),
                new java.math.BigDecimal("6300000.00"), LocalDate.of(2023, 3, 1), LocalDate.of(2023, 2, 10));

        Contract c = registry.renewContract(DEMO, r, "alice");

        Contract old = registry.contract(DEMO);
        assertEquals(1, c.version());
        assertEquals(LocalDate.of(2023, 12, 31), c.term("payment").orElseThrow().date("dueBy"));
        assertEquals(LocalDate.of(2023, 12, 31), c.term("performanceBond").orElseThrow().date("validUntil"));
        assertEquals(old.interpretations(), c.interpretations(), "readings with their reasons");
        assertEquals(old.services(), c.services());
        assertEquals(old.client(), c.client());
        assertEquals(registry.clauseText(DEMO, "附件三 1.1.1(一) 5)"), registry.clauseText("bj-hrss-2023", "附件三 1.1.1(一) 5)"));
        com.fasterxml.jackson.databind.JsonNode stored = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(registry.contractDefinition("bj-hrss-2023"));
        assertEquals(DEMO, stored.path("renewedFrom").asText());
        assertEquals("2023-02-10", stored.path("awardNoticeOn").asText());

        List<org.lvyue.api.contract.LintItem> lint = registry.lint("bj-hrss-2023");
        List<String> changed = lint.stream().filter(i -> i.code().equals(RenewalLint.CHANGED)).map(i -> i.fields().get(0)).toList();
        assertTrue(changed.containsAll(List.of("id", "amount", "periodStart", "periodEnd", "signedOn", "awardNoticeOn",
                "terms.payment.dueBy", "terms.performanceBond.validUntil")), changed.toString());
        assertFalse(changed.stream().anyMatch(f -> f.startsWith("interpretations") || f.startsWith("client")), changed.toString());
        assertEquals("6085700.00 → 6300000.00", lint.stream().filter(i -> i.fields().equals(List.of("amount")))
                .findFirst().orElseThrow().detail());
        assertTrue(lint.stream().anyMatch(i -> i.code().equals(RenewalLint.OLD_YEAR) && i.fields().contains("terms.payment.note")),
                "the carried note still says 2022: " + lint);
        assertTrue(registry.lint(DEMO).stream().noneMatch(i -> i.code().startsWith("renewal-")), "the renewed one is unchanged");
    }

    @Test
    void a_renewal_is_refused_for_an_existing_id_a_year_without_calendar_and_an_unknown_contract() {
        Renewal again = new Renewal(DEMO, LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31),
                new java.math.BigDecimal("1.00"), LocalDate.of(2023, 3, 1), null);
        assertThrows(ConflictException.class, () -> registry.renewContract(DEMO, again, "alice"));

        InvalidInputException late = assertThrows(InvalidInputException.class, () -> registry.renewContract(DEMO,
                new Renewal("bj-hrss-2027", LocalDate.of(2027, 1, 1), LocalDate.of(2028, 12, 31), new java.math.BigDecimal("1.00"),
                        LocalDate.of(2027, 1, 1), null), "alice"));
        assertEquals("periodEnd", late.problems().get(0).field());
        assertTrue(late.problems().get(0).reason().startsWith("工作日历缺少 2027、2028 年的数据"), late.problems().toString());

        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> registry.renewContract(DEMO,
                new Renewal("X", LocalDate.of(2023, 1, 1), null, new java.math.BigDecimal("-1"), null, null), "alice"));
        assertEquals(List.of("amount", "id", "periodEnd", "signedOn"), bad.problems().stream().map(p -> p.field()).sorted().toList());

        assertThrows(NotFoundException.class, () -> registry.renewContract("no-such", again, "alice"));
        assertEquals(List.of(DEMO, "bj-hrss-2022-wl"), registry.contracts().stream().map(c -> c.id()).toList(), "nothing stored");
    }

    static DomainSource domain(long bundleId, String domain) {
        return TestDomains.domain(bundleId, "test." + domain, "1.0.0", domain,
                TestDomains.drl(domain, TestDomains.missingRule(domain, domain)));
    }

    static CoreConfig config() {
        return config(false);
    }

    /** The core's configuration of these tests: the demo contract, Beijing time, {@code TODAY}. */
    static CoreConfig config(boolean verifyIntegrityAtStart) {
        return AnnotationConfigs.of(CoreConfig.class, Map.of("demoContract", true, "zone", "Asia/Shanghai", "today",
                TODAY.toString(), "verifyIntegrityAtStart", verifyIntegrityAtStart, "findingsWaitSeconds", 30));
    }
}
