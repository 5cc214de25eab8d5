package org.lvyue.engine.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.spi.AssessmentInputs;
import org.lvyue.api.spi.DashboardItems;
import org.lvyue.api.spi.DomainCatalogue;

/** What a catalogue declares for the assessment and the dashboard is read as written, and nothing when absent. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CatalogueDeclarationsTest {

    @Test
    void a_catalogue_without_declarations_is_scored_and_adds_no_deadline() throws Exception {
        DomainCatalogue c = CatalogueParser.parse(TestDomains.catalogue("gamma"), "gamma");
        assertEquals(AssessmentInputs.NONE, c.assessment());
        assertEquals(DashboardItems.NONE, c.dashboard());
    }

    @Test
    void the_assessment_and_dashboard_declarations_are_read_as_written() throws Exception {
        String json = new String(TestDomains.catalogue("gamma"), UTF_8).replace("\"factKinds\"", """
                "assessment": { "scored": false, "verdictKind": "gamma.record",
                  "requests": { "kind": "gamma.record", "phoneLate": "gamma.yearly", "onsiteLate": "gamma.yearly" } },
                  "dashboard": { "ownRulesDeadline": "drill", "expiries": [ { "kind": "gamma.record", "until": "notAfter",
                    "revokedKind": "gamma.record", "name": "dn", "deadlineKind": "certificate", "by": "role",
                    "titles": { "ca": "CA 到期：", "*": "到期：" }, "counted": "user", "countTitle": "{n} 张到期",
                    "countRef": "users" } ] },
                  "factKinds\"""");
        DomainCatalogue c = CatalogueParser.parse(json.getBytes(UTF_8), "gamma");
        assertEquals(new AssessmentInputs(false, "gamma.record",
                new AssessmentInputs.Requests("gamma.record", "gamma.yearly", "gamma.yearly")), c.assessment());
        DashboardItems.Expiry e = new DashboardItems.Expiry("gamma.record", "notAfter", "gamma.record", "dn", "certificate", "role",
                Map.of("ca", "CA 到期：", "*", "到期："), "user", "{n} 张到期", "users");
        assertEquals(new DashboardItems("drill", List.of(e)), c.dashboard());
        assertEquals("到期：", e.title("server"), "any other value takes the * title");
    }

    private static String withAttributes(String attributes) {
        return new String(TestDomains.catalogue("gamma"), UTF_8).replace("\"title\": \"记录\" }",
                "\"title\": \"记录\", \"attributes\": [" + attributes + "] }");
    }

    @Test
    void personal_and_confidential_attributes_are_read_as_marked() throws Exception {
        DomainCatalogue c = CatalogueParser.parse(withAttributes("""
                { "name": "name", "type": "TEXT", "personal": "name" },
                { "name": "idNumber", "type": "TEXT", "personal": "id-number", "confidential": true },
                { "name": "site", "type": "TEXT" }""").getBytes(UTF_8), "gamma");
        org.lvyue.api.fact.FactKind kind = c.factKinds().get(0);
        assertEquals(Map.of("name", org.lvyue.api.fact.PersonalKind.NAME, "idNumber", org.lvyue.api.fact.PersonalKind.ID_NUMBER),
                kind.personalAttributes());
        assertEquals(java.util.Set.of("idNumber"), kind.confidentialAttributes());
    }

    @Test
    void an_unknown_personal_kind_or_a_confidential_number_refuses_the_catalogue_naming_the_attribute() {
        CatalogueException unknown = org.junit.jupiter.api.Assertions.assertThrows(CatalogueException.class, () -> CatalogueParser.parse(
                withAttributes("{ \"name\": \"mail\", \"type\": \"TEXT\", \"personal\": \"email\" }").getBytes(UTF_8), "gamma"));
        org.junit.jupiter.api.Assertions.assertTrue(unknown.getMessage().contains("factKinds[0].attributes[0].personal"), unknown.getMessage());
        CatalogueException number = org.junit.jupiter.api.Assertions.assertThrows(CatalogueException.class, () -> CatalogueParser.parse(
                withAttributes("{ \"name\": \"n\", \"type\": \"NUMBER\", \"confidential\": true }").getBytes(UTF_8), "gamma"));
        org.junit.jupiter.api.Assertions.assertTrue(number.getMessage().contains("attributes[0].confidential"), number.getMessage());
    }
}
