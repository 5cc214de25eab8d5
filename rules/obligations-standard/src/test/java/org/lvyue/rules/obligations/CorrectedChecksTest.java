package org.lvyue.rules.obligations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.finding.Finding;

/**
 * A correction is a new record naming the one it corrects ({@code supersedes}), never an edit; the rule that asks for
 * a fault record after an abnormal result judges the standing record.
 *
 * <p>Worked example. Tuesday 2022-03-01 is a working day; the next working day is Wednesday 03-02. At 09:00 the
 * engineer records ct.d01 「检查证书有效期验证服务是否正常运行」 as 异常 (record A) and no fault record follows. By the
 * rule 「检查发现异常：未形成故障记录」 a fault record was due by 03-02, so on 03-03 A is a finding. At 09:20 the same
 * engineer finds they misread the console and records 正常, superseding A (record B): A still stands in the store, but
 * it no longer stands as the result, so no fault record is asked for. Had B said 异常 (another symptom), B would need its
 * fault record by 03-02 and A none: one finding, naming B. A record of another item naming A corrects nothing.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CorrectedChecksTest {
    private static final Path DOMAIN = Path.of("src/test/resources/corrections-domain");
    private static final LocalDate TUESDAY = LocalDate.of(2022, 3, 1);
    private static final LocalDate AS_OF = LocalDate.of(2022, 3, 3);
    private static final String NO_FAULT = "附件三 检查发现异常：未形成故障记录";

    /** The month from 03-01 with both items done every working day through 03-02, ct.d01 of 03-01 abnormal (record A). */
    private static DomainMonth withAbnormalA() {
        DomainMonth m = new DomainMonth(DOMAIN, "corrections-test", TUESDAY).everythingDoneThrough(LocalDate.of(2022, 3, 2));
        m.without(f -> f.getSubject().equals("ct.d01") && f.getDate().equals(TUESDAY));
        return m.fact("corrections-test.inspection", "ct.d01", TUESDAY, "abnormal", Map.of("inspector", "张工", "note", "服务无响应"));
    }

    @Test
    void an_abnormal_result_without_a_fault_record_is_found_after_the_next_working_day() {
        try (DomainMonth m = withAbnormalA()) {
            String a = m.lastId();
            List<Finding> found = m.raw(AS_OF).stream().filter(f -> f.getRuleName().equals(NO_FAULT)).toList();
            assertEquals(1, found.size(), found::toString);
            assertEquals(List.of(a), found.get(0).getFactIds());
            assertEquals(LocalDate.of(2022, 3, 2), found.get(0).getDeadline());
        }
    }

    @Test
    void an_abnormal_result_corrected_to_normal_by_a_later_record_asks_for_no_fault_record() {
        try (DomainMonth m = withAbnormalA()) {
            String a = m.lastId();
            m.fact("corrections-test.inspection", "ct.d01", TUESDAY, "normal", Map.of("inspector", "张工", "supersedes", a,
                    "note", "误读监控页面，服务正常"));
            assertEquals(List.of(), m.findings(AS_OF));
        }
    }

    @Test
    void a_correction_to_another_abnormal_result_needs_its_own_fault_record_and_the_corrected_one_none() {
        try (DomainMonth m = withAbnormalA()) {
            String a = m.lastId();
            m.fact("corrections-test.inspection", "ct.d01", TUESDAY, "abnormal", Map.of("inspector", "张工", "supersedes", a,
                    "note", "证书链校验失败"));
            String b = m.lastId();
            List<Finding> found = m.raw(AS_OF);
            assertEquals(1, found.size(), found::toString);
            assertEquals(NO_FAULT, found.get(0).getRuleName());
            assertEquals(List.of(b), found.get(0).getFactIds());
        }
    }

    @Test
    void a_record_of_another_item_naming_the_abnormal_one_corrects_nothing() {
        try (DomainMonth m = withAbnormalA()) {
            String a = m.lastId();
            m.fact("corrections-test.inspection", "ct.d02", TUESDAY, "normal", Map.of("inspector", "张工", "supersedes", a));
            assertEquals(List.of("2022-03-01 ct.d01 " + NO_FAULT), m.findings(AS_OF));
        }
    }

    @Test
    void a_corrected_result_added_to_a_loaded_memory_withdraws_the_finding() {
        try (DomainMonth m = withAbnormalA()) {
            String a = m.lastId();
            assertEquals(List.of("2022-03-01 ct.d01 " + NO_FAULT), m.findings(AS_OF));
            org.lvyue.api.fact.Fact b = org.lvyue.api.fact.Fact.builder().id("correction-of-a").contractId(m.facts().get(0).getContractId())
                    .domain("corrections-test").kind("corrections-test.inspection").subject("ct.d01").date(TUESDAY).status("normal")
                    .attributes(Map.of("inspector", "张工", "supersedes", a)).source("test").build();
            assertEquals(List.of(), m.addThenFindings(List.of(b), AS_OF));
        }
    }
}
