package org.lvyue.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The contract administrator's questions on the real distribution, over HTTP: what the contract
 * itself gets wrong (lint), what is owed and why (ledger), what if a payment came on a given day
 * (what-if), waiving an amount and withdrawing the waiver, and adding another contract. Today is
 * fixed at 2023-01-10.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LedgerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTRACT = "/contracts/bj-hrss-2022";

    @Configuration
    public Option[] config() {
        return Distribution.on(8182);
    }

    @Test
    public void the_administrator_sees_what_is_owed_asks_what_if_and_waives_an_amount() throws Exception {
        awaitGeneralTerms();
        JsonNode lint = json(Http.get(CONTRACT + "/lint", "evaluator"), 200);
        List<String> codes = new ArrayList<>();
        lint.path("items").forEach(i -> codes.add(i.path("code").asText()));
        assertTrue(codes.toString(), codes.containsAll(List.of("bond-due-after-validity", "on-site-hours-differ",
                "signed-after-service-start", "open-point:latePayment.dayCount")));

        json(Http.post(CONTRACT + "/facts", "collector", "["
                + "{\"id\":\"it-inv\",\"kind\":\"payment.invoice\",\"date\":\"2022-12-15\",\"amount\":\"6085700.00\",\"attributes\":{\"invoiceNo\":\"INV-1\"}},"
                + "{\"id\":\"it-bond\",\"kind\":\"bond.received\",\"date\":\"2022-12-20\",\"amount\":\"608570.00\",\"attributes\":{\"validUntil\":\"2022-12-31\"}},"
                + "{\"id\":\"it-fail\",\"kind\":\"service.failure\",\"date\":\"2022-05-10\",\"status\":\"confirmed\",\"attributes\":{\"description\":\"现场响应超时\"}}"
                + "]"), 200);

        // today: the 3% penalty only (interest starts on the 31st working day of delay, 2023-02-17)
        JsonNode ledger = json(Http.get(CONTRACT + "/ledger", "evaluator"), 200);
        assertEquals("182571.00", ledger.path("totals").path("supplierOwes").asText());
        assertEquals("0.00", ledger.path("totals").path("clientOwes").asText());
        JsonNode penalty = ledger.path("entries").get(0);
        assertEquals("一般条款 七.1", penalty.path("clause").asText());
        assertEquals("A × 服务不合格违约金比例", penalty.path("formula").asText());
        assertEquals("it-fail", penalty.path("factIds").get(0).asText());
        assertTrue(ledger.path("rounding").asText().contains("HALF_UP"));

        // unpaid on 2023-03-15: 02-17..03-14 = 26 days × 30,428.50 = 791,141.00, capped at 5% = 304,285.00
        JsonNode later = json(Http.get(CONTRACT + "/ledger?asOf=2023-03-15", "evaluator"), 200);
        assertEquals("304285.00", later.path("totals").path("clientOwes").asText());
        assertEquals(400, Http.get(CONTRACT + "/ledger?asOf=2023-02-30", "evaluator").status());

        // what if the payment came on 2023-02-24? 7 days × 30,428.50 = 212,999.50; nothing is stored
        JsonNode whatIf = json(Http.post(CONTRACT + "/what-if", "evaluator", "{\"asOf\":\"2023-03-15\",\"facts\":["
                + "{\"id\":\"it-pay\",\"kind\":\"payment.received\",\"date\":\"2023-02-24\",\"amount\":\"6085700.00\"}]}"), 200);
        assertEquals("212999.50", whatIf.path("ledger").path("totals").path("clientOwes").asText());
        assertEquals(false, whatIf.path("stored").asBoolean());
        assertEquals("304285.00", json(Http.get(CONTRACT + "/ledger?asOf=2023-03-15", "evaluator"), 200)
                .path("totals").path("clientOwes").asText());
        JsonNode badWhatIf = json(Http.post(CONTRACT + "/what-if", "evaluator",
                "{\"asOf\":\"2023-03-15\",\"facts\":[{\"id\":\"x\",\"kind\":\"payment.received\",\"date\":\"2023-02-24\"}]}"), 400);
        assertEquals("amount", badWhatIf.path("problems").get(0).path("field").asText());

        // waive the penalty: admin only, with a justification; withdraw it with a reason
        String key = penalty.path("key").asText();
        String waiver = "{\"target\":\"LEDGER\",\"key\":\"" + key + "\",\"justification\":\"甲方书面同意免除\"}";
        assertEquals(403, Http.post(CONTRACT + "/waivers", "engineer", waiver).status());
        JsonNode noReason = json(Http.post(CONTRACT + "/waivers", "admin",
                "{\"target\":\"LEDGER\",\"key\":\"" + key + "\"}"), 400);
        assertEquals("justification", noReason.path("problems").get(0).path("field").asText());
        assertEquals(400, Http.post(CONTRACT + "/waivers", "admin",
                "{\"target\":\"LEDGER\",\"key\":\"no-such\",\"justification\":\"x\"}").status());
        JsonNode w = json(Http.post(CONTRACT + "/waivers", "admin", waiver), 201);
        assertEquals("admin", w.path("createdBy").asText());
        assertEquals(409, Http.post(CONTRACT + "/waivers", "admin", waiver).status());

        JsonNode waived = json(Http.get(CONTRACT + "/ledger", "evaluator"), 200);
        assertEquals("0.00", waived.path("totals").path("supplierOwes").asText());
        assertEquals("182571.00", waived.path("totals").path("waived").asText());
        assertEquals("甲方书面同意免除", waived.path("entries").get(0).path("waiver").path("justification").asText());

        String withdraw = CONTRACT + "/waivers/" + w.path("id").asLong();
        assertEquals(400, Http.delete(withdraw, "admin").status());
        json(Http.delete(withdraw + "?reason=%E7%90%86%E7%94%B1%E4%B8%8D%E6%88%90%E7%AB%8B", "admin"), 200);
        JsonNode restored = json(Http.get(CONTRACT + "/ledger", "evaluator"), 200);
        assertEquals("182571.00", restored.path("totals").path("supplierOwes").asText());
        assertTrue(restored.path("entries").get(0).path("waiver").isNull());
        assertEquals(1, json(Http.get(CONTRACT + "/waivers", "evaluator"), 200).path("count").asInt());
    }

    @Test
    public void another_contract_is_validated_like_facts_and_then_held_against_its_own_terms() throws Exception {
        awaitGeneralTerms();
        // the definition names the demo's services: each domain is known once its bundle has started
        Await.domains(Await.SHIPPED_DOMAINS, CONTRACT);
        ObjectNode def = (ObjectNode) JSON.readTree(json(Http.get(CONTRACT, "admin"), 200).path("definition").toString());
        def.put("id", "bj-hrss-2023").put("version", 1).put("periodStart", "2023-01-01").put("periodEnd", "2023-12-31")
                .put("signedOn", "2022-12-28").put("amount", "6200000.00");
        ((ObjectNode) def.get("terms").get("serviceFailurePenalty")).put("rate", "0.05");
        ((ObjectNode) def.get("terms").get("latePayment")).remove("capRate");

        JsonNode refused = json(Http.post("/contracts", "admin", def.toString()), 400);
        assertEquals("terms.latePayment.capRate", refused.path("problems").get(0).path("field").asText());
        assertEquals(403, Http.post("/contracts", "engineer", def.toString()).status());

        ((ObjectNode) def.get("terms").get("latePayment")).put("capRate", "0.05");
        JsonNode created = json(Http.post("/contracts", "admin", def.toString()), 201);
        assertEquals("bj-hrss-2023", created.path("contract").path("id").asText());
        assertTrue(created.path("lint").size() > 0);
        assertEquals(409, Http.post("/contracts", "admin", def.toString()).status());
        // the demo portfolio's two contracts and this one (it names the same evaluator)
        assertEquals(3, json(Http.get("/contracts", "evaluator"), 200).size());

        // its own numbers: 5% of ¥6,200,000.00 = ¥310,000.00
        json(Http.post("/contracts/bj-hrss-2023/facts", "collector", "[{\"id\":\"f23\",\"kind\":\"service.failure\","
                + "\"date\":\"2023-01-05\",\"status\":\"confirmed\",\"attributes\":{\"description\":\"巡检缺失\"}}]"), 200);
        assertEquals("310000.00", json(Http.get("/contracts/bj-hrss-2023/ledger", "evaluator"), 200)
                .path("totals").path("supplierOwes").asText());

        def.put("id", "bj-hrss-2027").put("periodStart", "2027-01-01").put("periodEnd", "2027-12-31");
        JsonNode noCalendar = json(Http.post("/contracts", "admin", def.toString()), 400);
        assertTrue(noCalendar.toString(), noCalendar.path("message").asText().contains("2027"));
    }

    private static void awaitGeneralTerms() {
        Await.until("general-terms active", () -> {
            try {
                return Http.health().path("domains");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, ds -> {
            for (JsonNode d : ds) {
                if ("general-terms".equals(d.path("domain").asText()) && "ACTIVE".equals(d.path("state").asText())) {
                    return true;
                }
            }
            return false;
        }, 30_000);
    }

    private static JsonNode json(Http.Reply reply, int status) throws Exception {
        assertEquals(reply.body(), status, reply.status());
        return JSON.readTree(reply.body());
    }
}
