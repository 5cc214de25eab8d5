package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.DraftLint;
import org.lvyue.api.contract.LintItem;
import org.lvyue.engine.internal.DroolsEngine;
import org.lvyue.engine.internal.TestDomains;

/** A definition checked before it is stored: what saving would refuse, field by field, and the lint it would have. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DraftCheckTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DroolsEngine engine;
    private DraftCheck check;
    private final Map<String, Contract> stored = new HashMap<>();

    @BeforeEach
    void start() {
        engine = new DroolsEngine();
        engine.deploy(TestDomains.domain(1, "test.emergency-drill", "1.0.0", "emergency-drill",
                TestDomains.drl("emergency-drill", TestDomains.missingRule("emergency-drill", "emergency-drill"))));
        check = new DraftCheck(WorkingCalendar.china(), new ContractServices(engine));
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void a_new_draft_buying_a_running_service_would_be_accepted_and_has_the_lint_of_its_definition() throws IOException {
        ObjectNode draft = draft("draft-1", 1);

        DraftLint result = check.check(draft.toString(), this::held);

        assertTrue(result.valid(), result.problems()::toString);
        Contract read = ContractDefinitionReader.readSubmitted(draft.toString());
        assertEquals(new ContractLint(WorkingCalendar.china()).check(read).stream().map(LintItem::code).toList(),
                result.items().stream().map(LintItem::code).toList(), "the definition's own lint, and no service item");
        assertTrue(stored.isEmpty(), "nothing is stored");
    }

    @Test
    void a_draft_that_cannot_be_read_names_each_bad_field_and_has_no_lint() throws IOException {
        ObjectNode draft = draft("draft-1", 1);
        draft.put("amount", "很多");
        draft.remove("name");

        DraftLint result = check.check(draft.toString(), this::held);

        assertFalse(result.valid());
        List<String> fields = result.problems().stream().map(p -> p.field()).toList();
        assertTrue(fields.contains("amount") && fields.contains("name"), fields::toString);
        assertTrue(result.items().isEmpty());
    }

    @Test
    void a_draft_of_a_stored_contract_must_raise_its_version() throws IOException {
        ObjectNode first = draft("draft-1", 3);
        stored.put("draft-1", ContractDefinitionReader.readSubmitted(first.toString()));

        DraftLint same = check.check(first.toString(), this::held);
        DraftLint raised = check.check(draft("draft-1", 4).toString(), this::held);

        assertEquals(List.of("version"), same.problems().stream().map(p -> p.field()).toList());
        assertTrue(same.problems().get(0).reason().contains("3"), same.problems().get(0).reason());
        assertFalse(same.items().isEmpty(), "a readable draft still has its lint");
        assertTrue(raised.valid(), raised.problems()::toString);
    }

    @Test
    void a_service_the_product_never_had_is_named_by_its_field_in_the_problems_and_the_lint() throws IOException {
        ObjectNode draft = draft("draft-1", 1);
        draft.set("services", MAPPER.readTree("[\"emergency-drill\", \"no-such-service\"]"));

        DraftLint result = check.check(draft.toString(), this::held);

        assertEquals(List.of("services.no-such-service"), result.problems().stream().map(p -> p.field()).toList());
        assertTrue(result.items().stream().anyMatch(i -> i.code().equals("service-not-running")
                && i.fields().equals(List.of("services.no-such-service"))), result.items()::toString);
    }

    @Test
    void a_service_period_the_working_day_calendar_does_not_cover_is_refused_on_its_end() throws IOException {
        ObjectNode draft = draft("draft-1", 1);
        draft.put("periodStart", "2031-01-01");
        draft.put("periodEnd", "2031-12-31");
        draft.put("signedOn", "2030-12-20");

        DraftLint result = check.check(draft.toString(), this::held);

        assertFalse(result.valid());
        assertTrue(result.problems().stream().anyMatch(p -> p.field().equals("periodEnd") && p.reason().contains("2031")),
                result.problems()::toString);
    }

    @Test
    void a_signing_in_a_year_the_calendar_lacks_is_refused_on_the_signing_date() throws IOException {
        ObjectNode draft = draft("draft-1", 1);
        draft.put("signedOn", "2021-12-20");

        DraftLint result = check.check(draft.toString(), this::held);

        assertEquals(List.of("signedOn"), result.problems().stream().map(p -> p.field()).toList());
    }

    private Optional<Contract> held(String id) {
        return Optional.ofNullable(stored.get(id));
    }

    /** The demo definition under another id and version, buying the one service deployed here. */
    private static ObjectNode draft(String id, int version) throws IOException {
        ObjectNode root = (ObjectNode) MAPPER.readTree(ContractDefinitionReader.demoDefinition());
        root.put("id", id);
        root.put("version", version);
        root.set("services", MAPPER.readTree("[\"emergency-drill\"]"));
        return root;
    }
}
