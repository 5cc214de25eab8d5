package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Interpretation;
import org.lvyue.api.contract.LintItem;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.service.InvalidInputException;

/** The contract as data: the shipped demo, what the reader refuses, and what the lint points out. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ContractDefinitionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode demo() throws IOException {
        return (ObjectNode) JSON.readTree(ContractDefinitionReader.demoDefinition());
    }

    @Test
    void the_demo_contract_carries_every_general_term_and_every_interpretation_at_its_default_but_its_two_stated_readings()
            throws IOException {
        Contract c = ContractDefinitionReader.read(demo().toString());
        assertEquals(new BigDecimal("6085700.00"), c.amount());
        assertEquals(GeneralTermsSchema.TERMS.size(), c.terms().size());
        assertEquals(new BigDecimal("0.005"), c.term("latePayment").orElseThrow().decimal("dailyRate"));
        assertEquals(30, c.term("latePayment").orElseThrow().integer("graceWorkingDays"));
        assertEquals(LocalDate.of(2022, 12, 31), c.term("performanceBond").orElseThrow().date("validUntil"));
        assertEquals(GeneralTermsSchema.INTERPRETATIONS.size(), c.interpretations().size());
        assertEquals(List.of("checks.dailyOn", "checks.weeklyInRestWeek"),
                c.interpretations().stream().filter(i -> !i.isDefault()).map(Interpretation::id).toList());
        assertTrue(c.interpretations().stream().allMatch(i -> i.isDefault() || i.reason() != null), c.interpretations().toString());
    }

    @Test
    void a_missing_rate_a_wrong_type_an_unknown_term_and_an_unknown_option_are_each_named() throws IOException {
        ObjectNode d = demo();
        ((ObjectNode) d.get("terms").get("latePayment")).remove("dailyRate");
        ((ObjectNode) d.get("terms").get("performanceBond")).put("dueWorkingDaysAfterSigning", "twenty");
        ((ObjectNode) d.get("terms")).putObject("bonus").put("rate", "0.01");
        ((ObjectNode) d.get("interpretations")).put("latePayment.dayCount", "lunar");
        ((ObjectNode) d.get("interpretations")).put("no.such", "x");
        ((ObjectNode) d.get("terms").get("supportSla")).put("clock", "5x9");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ContractDefinitionReader.read(d.toString()));
        List<String> fields = e.problems().stream().map(p -> p.field()).sorted().toList();
        assertEquals(List.of("interpretations.latePayment.dayCount", "interpretations.no.such", "terms.bonus",
                "terms.latePayment.dailyRate", "terms.performanceBond.dueWorkingDaysAfterSigning", "terms.supportSla.clock"),
                fields);
        assertTrue(e.problems().stream().anyMatch(p -> p.reason().contains("calendar、working")), e.problems().toString());
    }

    @Test
    void an_interpretation_left_out_takes_its_default_and_one_chosen_is_kept() throws IOException {
        ObjectNode d = demo();
        ((ObjectNode) d.get("interpretations")).remove("money.rounding");
        ((ObjectNode) d.get("interpretations")).put("latePayment.dayCount", "working");
        Contract c = ContractDefinitionReader.read(d.toString());
        assertTrue(c.interpretation("money.rounding").orElseThrow().is("round-at-end"));
        assertTrue(c.interpretation("latePayment.dayCount").orElseThrow().is("working"));
        assertTrue(!c.interpretation("latePayment.dayCount").orElseThrow().isDefault());
    }

    @Test
    void the_lint_shows_the_contradictions_of_the_2022_contract() throws IOException {
        List<LintItem> items = new ContractLint(WorkingCalendar.china()).check(ContractDefinitionReader.read(demo().toString()));
        List<String> codes = items.stream().map(LintItem::code)
                .filter(code -> !code.startsWith("open-point:") && !code.startsWith("chosen-reading:")).toList();
        assertEquals(List.of("signed-after-service-start", "bond-due-after-validity", "payment-due-before-bond",
                "on-site-hours-differ"), codes);
        LintItem bond = items.get(1);
        assertEquals(Severity.HIGH, bond.severity());
        // signed 2022-12-13 + 20 working days = 2023-01-11 (see WorkingCalendarTest), after 2022-12-31
        assertTrue(bond.detail().contains("2023-01-11") && bond.detail().contains("2022-12-31"), bond.detail());
        assertTrue(items.get(0).detail().contains("346 天"), items.get(0).detail()); // 2022-01-01 → 2022-12-13
        assertEquals(GeneralTermsSchema.INTERPRETATIONS.size(), items.stream()
                .filter(i -> i.code().startsWith("open-point:") || i.code().startsWith("chosen-reading:")).count(),
                "every open point is listed");
    }

    @Test
    void the_demo_contract_states_its_working_day_readings_with_their_reasons_and_the_lint_lists_them_as_chosen() throws IOException {
        Contract c = ContractDefinitionReader.read(demo().toString());
        Interpretation daily = c.interpretation("checks.dailyOn").orElseThrow();
        assertEquals("working-days", daily.value());
        assertEquals("every-day", daily.defaultValue(), "the literal 「每日」 is the default");
        assertTrue(daily.reason().contains("5（天/周）×8（小时/天）"), daily.reason());
        List<LintItem> items = new ContractLint(WorkingCalendar.china()).check(c);
        LintItem chosen = items.stream().filter(i -> i.code().equals("chosen-reading:checks.dailyOn")).findFirst().orElseThrow();
        assertEquals(Severity.INFO, chosen.severity());
        assertTrue(chosen.detail().contains("采用：working-days（合同定义指定，默认为 every-day）；理由：附件二 7"), chosen.detail());
        assertTrue(items.stream().anyMatch(i -> i.code().equals("chosen-reading:checks.weeklyInRestWeek")), items.toString());
    }

    @Test
    void a_new_contract_reads_daily_and_weekly_checks_literally_unless_it_says_otherwise() throws IOException {
        ObjectNode d = demo();
        ((ObjectNode) d.get("interpretations")).remove("checks.dailyOn");
        ((ObjectNode) d.get("interpretations")).remove("checks.weeklyInRestWeek");
        Contract c = ContractDefinitionReader.read(d.toString());
        assertTrue(c.interpretation("checks.dailyOn").orElseThrow().is("every-day"));
        assertTrue(c.interpretation("checks.weeklyInRestWeek").orElseThrow().is("in-the-week"));
        assertTrue(c.interpretation("termination.qualityBasis").orElseThrow().is("monthly-assessment"));
    }

    @Test
    void a_reading_chosen_without_a_reason_is_flagged_by_the_lint() throws IOException {
        ObjectNode d = demo();
        ((ObjectNode) d.get("interpretations")).put("latePayment.dayCount", "working");
        List<LintItem> items = new ContractLint(WorkingCalendar.china()).check(ContractDefinitionReader.read(d.toString()));
        LintItem flagged = items.stream().filter(i -> i.code().equals("chosen-reading:latePayment.dayCount")).findFirst()
                .orElseThrow();
        assertEquals(Severity.LOW, flagged.severity());
        assertTrue(flagged.title().contains("未说明理由"), flagged.title());
    }

    @Test
    void a_chosen_reading_with_a_stray_field_or_an_empty_reason_is_refused_by_field() throws IOException {
        ObjectNode d = demo();
        ObjectNode reading = ((ObjectNode) d.get("interpretations")).putObject("money.rounding");
        reading.put("value", "daily-fee-first").put("reason", " ").put("because", "x");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ContractDefinitionReader.readSubmitted(d.toString()));
        assertEquals(List.of("interpretations.money.rounding.because", "interpretations.money.rounding.reason"),
                e.problems().stream().map(FactProblem::field).sorted().toList());
    }

    @Test
    void a_consistent_contract_has_only_its_open_points() throws IOException {
        ObjectNode d = demo();
        d.put("id", "bj-hrss-2024").put("periodStart", "2024-01-01").put("periodEnd", "2024-12-31").put("signedOn", "2023-12-20");
        ((ObjectNode) d.get("terms").get("performanceBond")).put("validUntil", "2024-12-31");
        ((ObjectNode) d.get("terms").get("payment")).put("dueBy", "2024-12-31");
        ((ObjectNode) d.get("terms").get("onSiteHours")).put("annex3", "5x8");
        List<LintItem> items = new ContractLint(WorkingCalendar.china()).check(ContractDefinitionReader.read(d.toString()));
        assertTrue(items.stream().allMatch(i -> i.code().startsWith("open-point:") || i.code().startsWith("chosen-reading:")
                && i.severity() == Severity.INFO), items.toString());
    }

    @Test
    void a_service_period_the_calendar_does_not_cover_is_pointed_out() throws IOException {
        ObjectNode d = demo();
        d.put("periodStart", "2026-01-01").put("periodEnd", "2026-12-31").put("signedOn", "2025-12-20");
        List<LintItem> items = new ContractLint(WorkingCalendar.china()).check(ContractDefinitionReader.read(d.toString()));
        LintItem missing = items.stream().filter(i -> i.code().equals("calendar-year-missing")).findFirst().orElseThrow();
        assertTrue(missing.title().contains("2027"), missing.title());
    }

    @Test
    void a_misspelt_or_unknown_field_of_a_new_definition_is_refused_by_name_rather_than_ignored() throws Exception {
        ObjectNode d = demo();
        d.put("amout", "1.00");
        ((ObjectNode) d.get("client")).put("phone", "010-1234");
        d.put("version", 1.9);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ContractDefinitionReader.readSubmitted(d.toString()));
        assertEquals(List.of("amout", "client.phone", "version"), e.problems().stream().map(FactProblem::field).sorted().toList());
        // a definition stored by an earlier version, which did not check these, still loads
        assertEquals(1, ContractDefinitionReader.read(d.toString()).version());
    }

    @Test
    void control_characters_in_the_name_of_a_new_definition_are_refused() throws Exception {
        ObjectNode d = demo();
        d.put("name", "安全\u0000应用");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ContractDefinitionReader.readSubmitted(d.toString()));
        assertEquals("name", e.problems().get(0).field());
    }

    @Test
    void clause_texts_are_part_of_the_definition_and_each_bad_one_is_named_on_submission() throws IOException {
        ObjectNode d = demo();
        assertTrue(d.get("clauses").size() > 700, "the demo definition carries its contract's words");
        ObjectNode clauses = d.putObject("clauses");
        clauses.put("一般条款 七.2", "2. 甲方未按约定支付合同款");
        clauses.put("一般条款 五", "  ");
        clauses.put("一般条款 六", "六、权利\u0007和义务");
        clauses.put("一般条款 八", "八".repeat(ClauseTexts.MAX_TEXT + 1));
        clauses.put("", "无编号");
        clauses.put("一般条款 九", 9);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ContractDefinitionReader.readSubmitted(d.toString()));

        assertEquals(List.of("clauses.", "clauses.一般条款 九", "clauses.一般条款 五", "clauses.一般条款 八", "clauses.一般条款 六"),
                e.problems().stream().map(FactProblem::field).sorted().toList());
        assertTrue(e.problems().stream().anyMatch(p -> p.reason().equals("条款原文不能为空")), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.reason().contains("控制字符 U+0007")), e.problems().toString());
    }

    @Test
    void a_definition_names_the_contract_it_renews_by_its_id() throws IOException {
        ObjectNode d = demo();
        d.put("renewedFrom", "Not An Id");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ContractDefinitionReader.readSubmitted(d.toString()));
        assertEquals(List.of("renewedFrom"), e.problems().stream().map(FactProblem::field).toList());
        d.put("renewedFrom", "bj-hrss-2021");
        assertEquals("bj-hrss-2022", ContractDefinitionReader.readSubmitted(d.toString()).id());
    }
}
