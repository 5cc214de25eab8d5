package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.time.LocalDate;
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
import org.lvyue.api.finding.Severity;
import org.lvyue.api.service.ImportCheck;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.Obligation;
import org.lvyue.api.spi.Obligation.Category;

/** A dry run reports what an import would refuse or skip, row by row. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ImportChecksTest {
    private static final LocalDate TODAY = LocalDate.of(2023, 3, 1);
    private static final FactKind DRILL = new FactKind("drill.performed", "emergency-drill", "演练", false, null, null, false,
            false, List.of(new AttributeSpec("scenario", ValueType.TEXT, false, null)));
    private static final FactKind INSPECTION = new FactKind("identity-auth.inspection", "identity-auth", "巡检", true, null,
            Set.of("normal", "abnormal"), false, false, List.of(new AttributeSpec("inspector", ValueType.TEXT, false, null),
            new AttributeSpec("system", ValueType.TEXT, false, null), new AttributeSpec("note", ValueType.TEXT, false, null)));
    private static final Obligation D05 = new Obligation("ia.d05", "identity-auth", "检查证书黑名单列表每日晚上更新是否成功",
            "附件三", Frequency.DAILY, 1, "identity-auth.inspection", "ia.d05", Severity.HIGH, null, Category.CHECK,
            "identity-auth.fault", null, Map.of());
    private final FactValidator validator = new FactValidator(
            k -> Optional.ofNullable(Map.of(DRILL.name(), DRILL, INSPECTION.name(), INSPECTION).get(k)));
    private final Contract contract = ContractDefinitionReader.read(ContractDefinitionReader.demoDefinition());

    private static Map<String, Object> drill(String id, String date) {
        return Map.of("id", id, "kind", "drill.performed", "date", date);
    }

    private static Fact stored(String id, String date) {
        return Fact.builder().id(id).contractId("bj-hrss-2022").domain("emergency-drill").kind("drill.performed")
                .date(LocalDate.parse(date)).source("collector").build();
    }

    @Test
    void a_batch_is_reported_row_by_row_with_stored_ids_as_duplicates_or_conflicts() {
        List<Map<String, Object>> batch = List.of(drill("d1", "2022-06-15"), drill("d2", "2022-13-01"), drill("d3", "2022-07-01"),
                drill("d4", "2022-08-01"));
        ImportCheck check = ImportChecks.of(batch.size(), validator.check(contract, batch, "collector", TODAY), List.of(),
                i -> i, ids -> List.of(stored("d3", "2022-07-01"), stored("d4", "2022-08-02")));

        assertEquals(4, check.rows());
        assertEquals(2, check.valid());
        assertEquals(2, check.invalid());
        assertEquals(1, check.duplicates(), "d3 is stored with the same content: an import skips it");
        assertEquals(List.of("1:date", "3:id"), check.problems().stream().map(p -> p.index() + ":" + p.field()).toList());
    }

    @Test
    void a_sheet_is_reported_with_csv_line_numbers_for_its_own_and_the_validators_problems() {
        CsvFacts.Parsed parsed = CsvFacts.parse(CsvFacts.Format.INSPECTION, new StringReader("""
                日期,检查项,结果,巡检人
                2022-12-01,ia.d05,正常,张工
                2022-12-01,ia.d99,正常,张工
                2099-12-02,ia.d05,正常,张工
                """), id -> id.equals("ia.d05") ? Optional.of(D05) : Optional.empty());
        List<Long> lines = parsed.sheet().lines();
        ImportCheck check = ImportChecks.of(parsed.rows(), validator.check(contract, parsed.sheet().facts(), "engineer", TODAY),
                parsed.problems(), i -> lines.get(i).intValue(), ids -> List.of());

        assertEquals(3, check.rows());
        assertEquals(1, check.valid());
        assertEquals(2, check.invalid());
        assertEquals(List.of(3, 4), check.problems().stream().map(FactProblem::index).toList());
        assertEquals("检查项", check.problems().get(0).field());
    }

    @Test
    void an_unknown_column_leaves_every_row_of_the_sheet_unread() {
        CsvFacts.Parsed parsed = CsvFacts.parse(CsvFacts.Format.INSPECTION, new StringReader("""
                日期,检查项,颜色
                2022-12-01,ia.d05,红
                2022-12-02,ia.d05,红
                """), id -> Optional.of(D05));
        assertEquals(2, parsed.rows());
        assertEquals(List.of(), parsed.sheet().facts());
        assertEquals(List.of(new FactProblem(1, "颜色", parsed.problems().get(0).reason())), parsed.problems());
    }
}
