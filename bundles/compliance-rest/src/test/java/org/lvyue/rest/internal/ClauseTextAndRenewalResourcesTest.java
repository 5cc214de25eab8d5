package org.lvyue.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.LintItem;
import org.lvyue.api.contract.Party;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.service.ConflictException;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.service.NotFoundException;
import org.lvyue.testing.FakeContracts;

/** The renewal and clause-text addresses: what they read from the body, what they answer, what they refuse. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ClauseTextAndRenewalResourcesTest {
    private static final Contract DEMO = new Contract("bj-hrss-2022", 6, "安全应用维护服务", "", "0733-22182237",
            new Party("甲方", "北京市人力资源和社会保障局", null), new Party("乙方", "北京国信博飞科技发展有限公司", null),
            new BigDecimal("6085700.00"), LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31), LocalDate.of(2022, 12, 13));

    private final FakeContracts contracts = new FakeContracts(LocalDate.of(2023, 3, 1), DEMO) {
        @Override
        public List<LintItem> lint(String contractId) {
            contract(contractId);
            return List.of(new LintItem("renewal-changed", Severity.INFO, List.of(), List.of("amount"), "续签变更：amount",
                    "6085700.00 → 6300000.00"), new LintItem("open-point", Severity.INFO, List.of(), List.of(), "解释项", "…"));
        }

        private String clauses = "{\"clauses\": {\"一般条款 七.2\": \"2. 甲方未按约定支付合同款\"}}";

        @Override
        public String contractDefinition(String id) {
            contract(id);
            return clauses;
        }

        @Override
        public Contract defineClauses(String contractId, Map<String, String> texts, String user) {
            clauses = "{\"clauses\": " + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(texts) + "}";
            return contract(contractId);
        }
    };
    private final ClauseTextResource texts = new ClauseTextResource(contracts, RestServlet.mapper(), new Activity(() -> null));
    private final RenewalResource renewals = new RenewalResource(contracts, RestServlet.mapper(), new Activity(() -> null));

    private static SecurityContext admin() {
        return new SecurityContext() {
            public Principal getUserPrincipal() {
                return () -> "admin";
            }

            public boolean isUserInRole(String role) {
                return true;
            }

            public boolean isSecure() {
                return false;
            }

            public String getAuthenticationScheme() {
                return "BASIC";
            }
        };
    }

    private static ByteArrayInputStream body(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private Response renew(String json) throws Exception {
        return renewals.renew("bj-hrss-2022", body(json), admin(), null);
    }

    @Test
    void a_renewal_answers_201_with_the_new_contract_and_only_the_lints_renewal_items_as_its_changes() throws Exception {
        Response r = renew("{\"id\":\"bj-hrss-2023\",\"periodStart\":\"2023-01-01\",\"periodEnd\":\"2023-12-31\","
                + "\"amount\":\"6300000.00\",\"signedOn\":\"2023-03-01\",\"awardNoticeOn\":\"2023-02-10\"}");

        assertEquals(201, r.getStatus());
        RenewalResource.Renewed renewed = (RenewalResource.Renewed) r.getEntity();
        assertEquals("bj-hrss-2023", renewed.contract().id());
        assertEquals(new BigDecimal("6300000.00"), renewed.contract().amount());
        assertEquals("bj-hrss-2022", renewed.renewedFrom());
        assertEquals(List.of("renewal-changed"), renewed.changes().stream().map(LintItem::code).toList());
        assertEquals(2, renewed.lint().size());
        assertEquals(List.of("bj-hrss-2022 -> bj-hrss-2023 by admin"), contracts.renewals);
    }

    @Test
    void a_renewal_with_an_unknown_field_a_bad_day_or_a_bad_amount_is_refused_naming_it() {
        InvalidInputException unknown = assertThrows(InvalidInputException.class, () -> renew("{\"id\":\"x-2023\",\"period\":\"2023\"}"));
        assertEquals("period", unknown.problems().get(0).field());
        InvalidInputException day = assertThrows(InvalidInputException.class, () -> renew("{\"periodStart\":\"2023-02-30\"}"));
        assertEquals("periodStart", day.problems().get(0).field());
        InvalidInputException amount = assertThrows(InvalidInputException.class, () -> renew("{\"amount\":\"六百万\"}"));
        assertEquals("amount", amount.problems().get(0).field());
        assertTrue(amount.getMessage().startsWith("参数 amount 有误"), amount.getMessage());
        assertTrue(contracts.renewals.isEmpty());
    }

    @Test
    void renewing_into_an_existing_id_is_a_conflict_and_an_unknown_contract_is_not_found() {
        assertThrows(ConflictException.class, () -> renew("{\"id\":\"bj-hrss-2022\",\"periodStart\":\"2023-01-01\","
                + "\"periodEnd\":\"2023-12-31\",\"amount\":\"1.00\",\"signedOn\":\"2023-03-01\"}"));
        assertThrows(NotFoundException.class, () -> renewals.renew("no-such", body("{}"), admin(), null));
    }

    @Test
    void clause_texts_put_as_json_are_stored_and_read_back_with_their_count() throws Exception {
        ClauseTextResource.ClausesDefined d = texts.putJson("bj-hrss-2022",
                body("{\"一般条款 五\": \"五、履约保函\", \"一般条款 七.2\": \"2. 甲方未按约定支付合同款\"}"), admin(), null);

        assertEquals(2, d.count());
        assertEquals(Map.of("一般条款 五", "五、履约保函", "一般条款 七.2", "2. 甲方未按约定支付合同款"),
                texts.clauses("bj-hrss-2022").clauses());
        InvalidInputException notText = assertThrows(InvalidInputException.class,
                () -> texts.putJson("bj-hrss-2022", body("{\"一般条款 五\": 5}"), admin(), null));
        assertEquals("clauses.一般条款 五", notText.problems().get(0).field());
        InvalidInputException array = assertThrows(InvalidInputException.class,
                () -> texts.putJson("bj-hrss-2022", body("[]"), admin(), null));
        assertEquals("clauses", array.problems().get(0).field());
    }
}
