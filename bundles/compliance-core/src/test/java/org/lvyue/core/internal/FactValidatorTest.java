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

    @Test
    void an_absurd_amount_is_refused_before_any_arithmetic_on_it() {
        for (Object huge : List.of(new BigDecimal("1E+999999999"), "1e999999999", new BigDecimal("1000000000000000"))) {
            Map<String, Object> p = Map.of("id", "p", "kind", "payment.received", "date", "2022-12-30", "amount", huge);
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> validator.validate(contract(), List.of(p), "u", TODAY), huge::toString);
            assertEquals(new FactProblem(0, "amount", "金额过大：整数部分最多 15 位（元）"), e.problems().get(0));
        }
        Map<String, Object> largest = Map.of("id", "p", "kind", "payment.received", "date", "2022-12-30", "amount",
                "999999999999999.99");
        assertEquals(new BigDecimal("999999999999999.99"), validator.validate(contract(), List.of(largest), "u", TODAY).get(0).getAmount());
    }

    @Test
    void a_number_attribute_is_plain_bounded_decimal_notation_and_a_huge_exponent_costs_nothing() {
        for (Object bad : List.of(new BigDecimal("1E+999999999"), "1e3", "1" + "0".repeat(30), "0." + "1".repeat(21))) {
            Map<String, Object> f = new HashMap<>(document("n", "plan", "2022-05-01"));
            f.put("attributes", Map.of("title", "t", "pages", bad));
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> validator.validate(contract(), List.of(f), "u", TODAY), bad::toString);
            assertEquals("attributes.pages", e.problems().get(0).field());
            assertTrue(e.problems().get(0).reason().startsWith("数字超出范围"), e.problems().get(0).reason());
        }
        Map<String, Object> ok = new HashMap<>(document("n", "plan", "2022-05-01"));
        ok.put("attributes", Map.of("title", "t", "pages", new BigDecimal("1E+2")));
        assertEquals("100", validator.validate(contract(), List.of(ok), "u", TODAY).get(0).attr("pages"));
    }

    @Test
    void control_characters_unpaired_surrogates_and_bidi_overrides_are_refused_in_every_text_and_quotes_are_data() {
        for (String bad : List.of("a\u0000b", "bell\u0007", "esc\u001b[31m", "half \ud800 pair", "\u202eevil")) {
            Map<String, Object> inTitle = new HashMap<>(document("t", "plan", "2022-05-01"));
            inTitle.put("attributes", Map.of("title", bad));
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> validator.validate(contract(), List.of(inTitle), "u", TODAY), bad);
            assertEquals("attributes.title", e.problems().get(0).field());
        }
        String injection = "'; DROP TABLE fact; -- <script>alert(1)</script> ${jndi:ldap://x/a} 多行\n文字\t😀";
        Map<String, Object> data = new HashMap<>(document("t", "plan", "2022-05-01"));
        data.put("attributes", Map.of("title", injection));
        assertEquals(injection, validator.validate(contract(), List.of(data), "u", TODAY).get(0).attr("title"));
    }

    @Test
    void a_time_after_the_latest_moment_is_refused_and_a_fixed_day_accepts_its_whole_day() {
        Map<String, Object> late = Map.of("id", "t", "kind", "payment.received", "date", "2023-03-01",
                "time", "2023-03-01T10:06:00", "amount", "1.00");
        java.time.LocalDateTime now = java.time.LocalDateTime.of(2023, 3, 1, 10, 0);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> validator.validate(contract(), List.of(late), "u", TODAY, now.plusMinutes(5)));
        assertEquals("time", e.problems().get(0).field());
        assertEquals(1, validator.validate(contract(), List.of(late), "u", TODAY).size(), "the end of a fixed today");
    }

    @Test
    void dates_that_do_not_exist_or_lie_far_outside_the_contract_are_refused() {
        for (String date : List.of("2022-02-30", "0000-05-01", "99999-01-01", "+99999-01-01", "2022-1-5", "20220105")) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> validator.validate(contract(), List.of(document("d", "plan", date)), "u", TODAY), date);
            assertEquals("date", e.problems().get(0).field(), date);
        }
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
