package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactKind;
import org.lvyue.api.fact.FactKind.AttributeSpec;
import org.lvyue.api.fact.FactKind.ValueType;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.InvalidInputException;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FactValidatorTest {
    private static final LocalDate TODAY = LocalDate.of(2023, 3, 1);
    private static final FactKind DOCUMENT = new FactKind("drill.document", "emergency-drill", "文档", true,
            Set.of("plan", "scheme", "report"), Set.of("submitted", "accepted", "rejected"), false, false,
            List.of(new AttributeSpec("title", ValueType.TEXT, true, null),
                    new AttributeSpec("pages", ValueType.NUMBER, false, null)));
    private static final FactKind PAYMENT = new FactKind("payment.received", "contract", "付款", false, null, null,
            false, true, List.of());

    private final FactValidator validator = new FactValidator(
            k -> Optional.ofNullable(Map.of(DOCUMENT.name(), DOCUMENT, PAYMENT.name(), PAYMENT).get(k)));

    @Test
    void the_demo_contract_definition_reads_with_the_amount_and_period_of_the_contract() throws Exception {
        Contract c = ContractDefinitionReader.read(ContractDefinitionReader.demoDefinition());
        assertEquals(new BigDecimal("6085700.00"), c.amount());
        assertEquals(LocalDate.of(2022, 1, 1), c.periodStart());
        assertEquals(LocalDate.of(2022, 12, 31), c.periodEnd());
        assertEquals(LocalDate.of(2022, 12, 13), c.signedOn());
        assertEquals("北京市人力资源和社会保障局", c.client().name());
    }

    @Test
    void a_valid_fact_becomes_a_fact_of_the_kinds_domain_sent_by_the_user() {
        List<Fact> facts = validator.validate(contract(), List.of(document("r1", "report", "2022-06-20")), "collector", TODAY);

        Fact f = facts.get(0);
        assertEquals("emergency-drill", f.getDomain());
        assertEquals("report", f.getSubject());
        assertEquals(LocalDate.of(2022, 6, 20), f.getDate());
        assertEquals("collector", f.getSource());
        assertEquals(Map.of("title", "应急演练报告"), f.getAttributes());
    }

    @Test
    void every_problem_of_every_fact_is_reported_with_its_index_and_field() {
        Map<String, Object> unknownKind = Map.of("kind", "no.such", "date", "2022-01-01");
        Map<String, Object> bad = new HashMap<>(document("r2", "minutes", "2022-13-01"));
        bad.put("status", "lost");
        bad.put("colour", "red");
        bad.put("attributes", Map.of("pages", "many"));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> validator.validate(contract(),
                List.of(document("ok", "plan", "2022-05-01"), unknownKind, bad), "collector", TODAY));

        assertTrue(e.problems().contains(new FactProblem(1, "kind", "未知事实类型 'no.such'：没有已加载的领域 bundle 声明它")));
        List<String> fieldsOfSecond = e.problems().stream().filter(p -> p.index() == 2).map(FactProblem::field).sorted().toList();
        assertEquals(List.of("attributes.pages", "attributes.title", "colour", "date", "status", "subject"), fieldsOfSecond);
        assertTrue(e.problems().stream().noneMatch(p -> p.index() == 0));
    }

    @Test
    void a_fact_dated_after_today_is_refused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> validator.validate(contract(),
                List.of(document("f", "plan", "2023-03-02")), "collector", TODAY));
        assertEquals("date", e.problems().get(0).field());
    }

    @Test
    void amounts_are_exact_to_the_fen_and_more_decimals_are_refused() {
        Map<String, Object> ok = Map.of("id", "p1", "kind", "payment.received", "date", "2022-12-30", "amount", new BigDecimal("6085700.5"));
        assertEquals(new BigDecimal("6085700.50"), validator.validate(contract(), List.of(ok), "u", TODAY).get(0).getAmount());

        Map<String, Object> tooFine = Map.of("id", "p2", "kind", "payment.received", "date", "2022-12-30", "amount", "1.005");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> validator.validate(contract(), List.of(tooFine), "u", TODAY));
        assertEquals(new FactProblem(0, "amount", "金额最多两位小数（精确到分），收到 1.005"), e.problems().get(0));
    }

    @Test
    void one_id_twice_in_a_batch_with_different_content_is_refused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> validator.validate(contract(),
                List.of(document("x", "plan", "2022-05-01"), document("x", "plan", "2022-05-02")), "u", TODAY));
        assertEquals(new FactProblem(1, "id", "与第 0 条事实 id 相同但内容不同"), e.problems().get(0));
    }

    private static Map<String, Object> document(String id, String subject, String date) {
        return Map.of("id", id, "kind", "drill.document", "subject", subject, "date", date, "status", "submitted",
                "attributes", Map.of("title", "应急演练报告"));
    }

    private static Contract contract() {
        return new Contract("bj-hrss-2022", 1, "安全应用维护服务", "", "", null, null, new BigDecimal("6085700.00"),
                LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31), LocalDate.of(2022, 12, 13));
    }
}
