package org.lvyue.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A contract's own text and its renewal on the real distribution, over HTTP: the demo contract's definition carries
 * its clause texts, which a finding shows; it is renewed into 2023 (everything carried over, dates moved, the lint
 * listing what changed, the activity trail recording it); then its plain text is uploaded, split into clauses by its
 * numbering, and becomes what its findings and its lint read.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ContractTextsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTRACT = "/contracts/bj-hrss-2022";

    @Configuration
    public Option[] config() {
        return Distribution.on(8196);
    }

    @Test
    public void the_demo_is_renewed_into_2023_with_its_texts_and_then_takes_its_clause_texts_from_its_uploaded_text()
            throws Exception {
        Await.domains(Await.SHIPPED_DOMAINS, CONTRACT);
        JsonNode clauses = json(Http.get(CONTRACT + "/clauses", "evaluator"), 200);
        assertTrue(clauses.path("count").asInt() > 700);
        assertTrue(clauses.path("clauses").path("一般条款 七.2").asText().startsWith("2. 甲方未按约定支付合同款"));
        JsonNode finding = json(Http.get(CONTRACT + "/findings?status=OPEN&limit=500", "evaluator"), 200).path("findings")
                .findParents("clause").stream().filter(f -> f.path("clause").asText().startsWith("附件三") && !f.path("clause").asText().contains(";")).findFirst()
                .orElseThrow(() -> new AssertionError("no open finding citing 附件三"));
        String detailPath = CONTRACT + "/findings/detail?key=" + Http.encode(finding.path("key").asText());
        assertFalse(json(Http.get(detailPath, "evaluator"), 200).path("clause").path("text").asText().isBlank());

        // renewal: 2023, everything carried over, the dated terms moved, the lint listing what changed
        String renewal = "{\"id\":\"bj-hrss-2023\",\"periodStart\":\"2023-01-01\",\"periodEnd\":\"2023-12-31\","
                + "\"amount\":\"6300000.00\",\"signedOn\":\"2023-03-01\",\"awardNoticeOn\":\"2023-02-10\"}";
        assertEquals(403, Http.post(CONTRACT + "/renewals", "engineer", renewal).status());
        JsonNode renewed = json(Http.post(CONTRACT + "/renewals", "admin", renewal), 201);
        assertEquals("bj-hrss-2023", renewed.path("contract").path("id").asText());
        assertEquals(1, renewed.path("contract").path("version").asInt());
        List<String> changed = new ArrayList<>();
        renewed.path("changes").forEach(i -> changed.add(i.path("fields").path(0).asText()));
        assertTrue(changed.toString(), changed.containsAll(List.of("amount", "periodStart", "periodEnd", "signedOn",
                "terms.payment.dueBy", "terms.performanceBond.validUntil")));
        JsonNode definition = json(Http.get("/contracts/bj-hrss-2023", "evaluator"), 200).path("definition");
        assertEquals("2023-12-31", definition.path("terms").path("payment").path("dueBy").asText());
        assertEquals("bj-hrss-2022", definition.path("renewedFrom").asText());
        assertEquals(clauses.path("count").asInt(), definition.path("clauses").size());
        JsonNode lint = json(Http.get("/contracts/bj-hrss-2023/lint", "evaluator"), 200);
        assertTrue(lint.toString(), lint.toString().contains("\"code\":\"renewal-changed\"")
                && lint.toString().contains("6085700.00 → 6300000.00"));
        assertEquals(409, Http.post(CONTRACT + "/renewals", "admin", renewal).status());
        JsonNode noCalendar = json(Http.post(CONTRACT + "/renewals", "admin", renewal.replace("bj-hrss-2023", "bj-hrss-2027")
                .replace("2023-01-01", "2027-01-01").replace("2023-12-31", "2027-12-31")), 400);
        assertTrue(noCalendar.toString(), noCalendar.path("problems").get(0).path("reason").asText().startsWith("工作日历缺少 2027 年"));
        assertEquals(404, Http.post("/contracts/no-such/renewals", "admin", renewal).status());
        JsonNode activity = json(Http.get("/activity?action=contract-renew", "auditadmin"), 200);
        assertTrue(activity.toString(), activity.toString().contains("续签自 bj-hrss-2022"));

        // the contract's plain text, split by its numbering, is now what the findings and the lint read
        assertEquals(403, Http.put(CONTRACT + "/clauses", "engineer", "text/plain", "合同一般条款\n七、违约条款").status());
        assertEquals(400, Http.put(CONTRACT + "/clauses", "admin", "text/plain", "没有编号的文字").status());
        JsonNode uploaded = json(Http.put(CONTRACT + "/clauses", "admin", "text/plain; charset=UTF-8",
                "合同一般条款\n\n七、违约条款\n\n2. 甲方未按约定支付合同款\n\n如果甲方不能按期支付乙方合同款……\n"), 200);
        assertEquals(2, uploaded.path("count").asInt()); // 一般条款 七 and 七.2
        assertEquals("2. 甲方未按约定支付合同款\n如果甲方不能按期支付乙方合同款……",
                json(Http.get(CONTRACT + "/clauses", "evaluator"), 200).path("clauses").path("一般条款 七.2").asText());
        JsonNode noText = json(Http.get(detailPath, "evaluator"), 200).path("clause").path("text");
        assertTrue(noText.toString(), noText.isNull() || noText.isMissingNode());
        assertTrue(uploaded.path("lint").toString(), uploaded.path("lint").toString().contains("\"code\":\"clause-text-missing\""));
        String clause = finding.path("clause").asText();
        json(Http.put(CONTRACT + "/clauses", "admin", "application/json",
                JSON.createObjectNode().put(clause, "（IT）该条款的原文").toString()), 200);
        assertEquals("（IT）该条款的原文", json(Http.get(detailPath, "evaluator"), 200).path("clause").path("text").asText());
    }

    private static JsonNode json(Http.Reply reply, int status) throws Exception {
        assertEquals(reply.body(), status, reply.status());
        return JSON.readTree(reply.body());
    }
}
