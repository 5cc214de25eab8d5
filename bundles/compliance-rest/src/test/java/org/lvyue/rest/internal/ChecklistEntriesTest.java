package org.lvyue.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.checklist.CheckEntry;
import org.lvyue.api.service.InvalidInputException;

/** How {@code POST .../checklist/{day}} reads its entries: 正常/异常, the fault record, and every problem by index and field. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChecklistEntriesTest {

    @Test
    void a_result_reads_as_正常_or_异常_and_an_abnormal_ones_fault_record_comes_with_it() {
        List<CheckEntry> entries = ChecklistResource.entries(List.of(
                Map.of("obligationId", "ia.d05", "system", "主", "result", "正常"),
                Map.of("obligationId", "ia.d06", "system", "备", "result", "异常", "note", " 服务无响应 ", "fault",
                        Map.of("description", "证书随机数验证服务超时", "reportedTo", "王工", "reportedAt", "2022-12-30T09:40"))));

        assertTrue(entries.get(0).normal());
        assertNull(entries.get(0).fault());
        CheckEntry bad = entries.get(1);
        assertFalse(bad.normal());
        assertEquals("服务无响应", bad.note());
        assertEquals(new CheckEntry.FaultEntry("证书随机数验证服务超时", "王工", LocalDateTime.of(2022, 12, 30, 9, 40)), bad.fault());
    }

    @Test
    void a_result_other_than_正常_or_异常_and_every_other_malformed_field_is_named_with_its_entry() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ChecklistResource.entries(List.of(
                Map.of("obligationId", "ia.d05", "result", "良好"),
                Map.of("obligationId", "ia.d06"),
                Map.of("obligationId", "ia.d07", "result", "异常", "fault", "坏了"),
                Map.of("obligationId", "ia.d08", "result", "异常", "fault", Map.of("description", "x", "reportedAt", "昨天")),
                Map.of("obligationId", 5, "result", "正常", "remark", "x"))));

        assertEquals(List.of("0 result", "1 result", "2 fault", "3 fault.reportedAt", "4 remark", "4 obligationId"),
                e.problems().stream().map(p -> p.index() + " " + p.field()).toList());
        assertTrue(e.problems().get(0).reason().startsWith("应为 正常 或 异常"), e.problems().get(0).reason());
        assertTrue(e.getMessage().startsWith("检查结果有误"), e.getMessage());
    }
}
