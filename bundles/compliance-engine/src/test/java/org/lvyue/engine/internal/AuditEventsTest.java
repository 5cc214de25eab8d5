package org.lvyue.engine.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.audit.AuditSelection;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.finding.Finding;

/** Audit-log entries reach the rules of the domains that declare their action, and no others, a day at a time. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AuditEventsTest extends EngineTest {
    private static final String RULE = TestDomains.header("audit") + """
            import org.lvyue.api.audit.AuditDay;
            import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.audit.AuditSelection;

            rule "每条审计记录"
            when
                $c : Contract()
                $l : AuditDay()
                $e : AuditEvent() from $l.entries()
            then
                insertLogical(Finding.builder().contractId($c.id()).domain("audit").rule(drools.getRule().getName())
                    .clause("附件二 3").severity(Severity.LOW).period($e.getDay(), $e.getDay(), $e.getDay().toString())
                    .discriminator($e.id()).title($e.action()).build());
            end
            """;

    private static byte[] catalogue(String actions) {
        return ("""
                { "domain": "audit", "title": "审计", "clause": "附件二 3", "factKinds": [], "obligations": [] %s }
                """.formatted(actions == null ? "" : ", \"auditActions\": " + actions)).getBytes(UTF_8);
    }

    private static AuditEvent entry(String id, String action) {
        return new AuditEvent(id, LocalDateTime.of(2022, 3, 1, 9, 0), "zhang", "10.12.0.1", action, null, false, null, "社保");
    }

    private List<String> seen(String actions) {
        DomainStatus s = engine.deploy(TestDomains.domain(9, "test.audit", "1.0.0", "audit", Map.of("rules/audit.drl", RULE),
                catalogue(actions)));
        assertEquals(DomainState.ACTIVE, s.state(), s::toString);
        engine.load(TestDomains.CONTRACT, List.of());
        engine.addAuditEvents(TestDomains.CONTRACT.id(), List.of(entry("a1", "login"), entry("a2", "operation")));
        engine.evaluate(TestDomains.CONTRACT.id(), TestDomains.AS_OF); // builds the session: entries added before it go in
        engine.addAuditEvents(TestDomains.CONTRACT.id(), List.of(entry("a3", "login"), entry("a4", "logout"), entry("a1", "login")));
        return engine.evaluate(TestDomains.CONTRACT.id(), TestDomains.AS_OF).findings().stream().map(Finding::getTitle).sorted().toList();
    }

    @Test
    void entries_of_the_actions_a_domain_declares_reach_its_rules_before_and_after_the_session_exists() {
        assertEquals(List.of("login", "login"), seen("[\"login\"]"));
    }

    @Test
    void entries_read_through_the_loader_reach_the_rules_and_again_after_a_release_with_those_stored_meanwhile() {
        DomainStatus s = engine.deploy(TestDomains.domain(9, "test.audit", "1.0.0", "audit", Map.of("rules/audit.drl", RULE),
                catalogue("[\"login\"]")));
        assertEquals(DomainState.ACTIVE, s.state(), s::toString);
        TestStore store = new TestStore(TestDomains.CONTRACT).storeAuditEvents(List.of(entry("a1", "login"), entry("a2", "operation")));
        engine.open(TestDomains.CONTRACT.id(), store);
        assertEquals(List.of("login"), titles());

        engine.release(TestDomains.CONTRACT.id());
        List<AuditEvent> meanwhile = List.of(entry("a3", "login"), entry("a1", "login"));
        store.storeAuditEvents(meanwhile);
        engine.addAuditEvents(TestDomains.CONTRACT.id(), meanwhile);

        assertEquals(List.of("login", "login"), titles(), "a1 once, a3 read through the loader");
        assertEquals(2, store.reads());
    }

    @Test
    void a_loader_that_selects_is_asked_for_the_entries_the_domains_read_and_the_memory_answers_as_one_read_whole() {
        DomainStatus s = engine.deploy(TestDomains.domain(9, "test.audit", "1.0.0", "audit", Map.of("rules/audit.drl", RULE),
                catalogue("[\"login\", \"file-download:classified\"]")));
        assertEquals(DomainState.ACTIVE, s.state(), s::toString);
        AuditEvent secret = new AuditEvent("d1", LocalDateTime.of(2022, 3, 1, 9, 0), "zhang", "10.12.0.1", "file-download",
                "/files/涉密-1.xlsx", true, null, "社保");
        List<AuditEvent> log = List.of(entry("a1", "login"), entry("a2", "operation"), secret, entry("d2", "file-download"));
        TestStore whole = new TestStore(TestDomains.CONTRACT).storeAuditEvents(log);
        engine.open(TestDomains.CONTRACT.id(), whole);
        List<String> read = titles();
        TestStore selecting = new TestStore(TestDomains.CONTRACT).storeAuditEvents(log);

        engine.open(TestDomains.CONTRACT.id(), selecting.selective());

        assertEquals(List.of("file-download", "login"), titles());
        assertEquals(read, titles());
        assertEquals(List.of(new AuditSelection(Set.of("login"), Set.of("file-download"))), selecting.selections());
        engine.release(TestDomains.CONTRACT.id());
        assertEquals(read, titles(), "rebuilt with the same selection");
        assertEquals(2, selecting.selections().size());
    }

    @Test
    void a_new_revision_that_reads_more_actions_has_the_memory_read_again_with_them_and_one_that_reads_no_more_does_not() {
        DomainStatus s = engine.deploy(TestDomains.domain(9, "test.audit", "1.0.0", "audit", Map.of("rules/audit.drl", RULE),
                catalogue("[\"login\"]")));
        assertEquals(DomainState.ACTIVE, s.state(), s::toString);
        TestStore store = new TestStore(TestDomains.CONTRACT).storeAuditEvents(List.of(entry("a1", "login"), entry("a2", "operation")));
        engine.open(TestDomains.CONTRACT.id(), store.selective());
        assertEquals(List.of("login"), titles());

        s = engine.deploy(TestDomains.domain(9, "test.audit", "1.1.0", "audit", Map.of("rules/audit.drl", RULE),
                catalogue("[\"login\", \"operation\"]")));
        assertEquals(DomainState.ACTIVE, s.state(), s::toString);
        evaluateOnCurrent(TestDomains.CONTRACT.id(), TestDomains.AS_OF);

        assertEquals(List.of("login", "operation"), titles(), "the operation entry read from the store");
        assertEquals(2, store.selections().size());
        assertEquals(new AuditSelection(Set.of("login", "operation"), Set.of()), store.selections().get(1));
        List<AuditEvent> later = List.of(entry("a3", "operation"), entry("a4", "logout"));
        store.storeAuditEvents(later);
        engine.addAuditEvents(TestDomains.CONTRACT.id(), later);
        assertEquals(List.of("login", "operation", "operation"), titles());

        s = engine.deploy(TestDomains.domain(9, "test.audit", "1.2.0", "audit", Map.of("rules/audit.drl", RULE),
                catalogue("[\"operation\"]")));
        assertEquals(DomainState.ACTIVE, s.state(), s::toString);
        evaluateOnCurrent(TestDomains.CONTRACT.id(), TestDomains.AS_OF);
        assertEquals(List.of("operation", "operation"), titles());
        assertEquals(2, store.selections().size(), "the held entries cover it: built from them, not read again");
    }

    @Test
    void a_domain_that_declares_no_audit_actions_sees_no_entries() {
        assertEquals(List.of(), seen(null));
    }

    @Test
    void an_action_declared_classified_only_lets_in_its_classified_entries_and_no_others() {
        DomainStatus s = engine.deploy(TestDomains.domain(9, "test.audit", "1.0.0", "audit", Map.of("rules/audit.drl", RULE),
                catalogue("[\"file-download:classified\"]")));
        assertEquals(DomainState.ACTIVE, s.state(), s::toString);
        engine.load(TestDomains.CONTRACT, List.of());
        AuditEvent secret = new AuditEvent("d1", LocalDateTime.of(2022, 3, 1, 9, 0), "zhang", "10.12.0.1", "file-download",
                "/files/涉密-1.xlsx", true, null, "社保");
        engine.addAuditEvents(TestDomains.CONTRACT.id(), List.of(secret, entry("d2", "file-download"), entry("l1", "login")));
        assertEquals(List.of("audit/每条审计记录/-/2022-03-01/d1"),
                engine.evaluate(TestDomains.CONTRACT.id(), TestDomains.AS_OF).findings().stream().map(Finding::getKey).toList());
    }

    @Test
    void an_unknown_action_in_the_catalogue_refuses_the_bundle_with_the_reason() {
        DomainStatus s = engine.deploy(TestDomains.domain(9, "test.audit", "1.0.0", "audit", Map.of("rules/audit.drl", RULE),
                catalogue("[\"login\", \"teleport\"]")));
        assertEquals(DomainState.REFUSED, s.state());
        assertTrue(s.problems().get(0).message().contains("teleport"), s::toString);
    }

    @Test
    void entries_of_a_day_already_held_replace_that_day_with_one_holding_them_all_and_leave_the_other_days() {
        String perDay = TestDomains.header("audit") + """
                import org.lvyue.api.audit.AuditDay;

                rule "每日审计记录数"
                when
                    $c : Contract()
                    $l : AuditDay()
                then
                    insertLogical(Finding.builder().contractId($c.id()).domain("audit").rule(drools.getRule().getName())
                        .clause("附件二 3").severity(Severity.LOW).period($l.getDay(), $l.getDay(), $l.getDay().toString())
                        .title($l.getDay() + ": " + $l.entries().size() + " " + $l.of("login").size() + " " + $l.has("logout")).build());
                end
                """;
        DomainStatus s = engine.deploy(TestDomains.domain(9, "test.audit", "1.0.0", "audit", Map.of("rules/audit.drl", perDay),
                catalogue("[\"login\", \"logout\"]")));
        assertEquals(DomainState.ACTIVE, s.state(), s::toString);
        engine.load(TestDomains.CONTRACT, List.of());
        engine.addAuditEvents(TestDomains.CONTRACT.id(), List.of(entry("a1", "login"), entry("a2", "login"), entry("a3", "operation")));
        assertEquals(List.of("2022-03-01: 2 2 false"), titles());
        AuditEvent nextDay = new AuditEvent("b1", LocalDateTime.of(2022, 3, 2, 8, 0), "li", "10.12.0.2", "login", null, false, null, "社保");
        engine.addAuditEvents(TestDomains.CONTRACT.id(), List.of(entry("a4", "logout"), nextDay, entry("a1", "login")));
        assertEquals(List.of("2022-03-01: 3 2 true", "2022-03-02: 1 1 false"), titles());
    }

    private List<String> titles() {
        return engine.evaluate(TestDomains.CONTRACT.id(), TestDomains.AS_OF).findings().stream().map(Finding::getTitle).sorted().toList();
    }
}
