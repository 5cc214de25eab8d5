package org.lvyue.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.lvyue.api.checklist.CheckRecord;
import org.lvyue.api.checklist.Checklist;
import org.lvyue.api.checklist.ChecklistItem;
import org.lvyue.api.checklist.FaultRecord;
import org.lvyue.api.spi.Frequency;
import org.lvyue.testing.FakeChecklists;
import org.lvyue.testing.FakeContracts;

class ChecklistCommandTest {
    private static final LocalDate LAST = LocalDate.of(2022, 12, 31);
    private static final LocalDate FRIDAY = LocalDate.of(2022, 12, 30);
    private final FakeContracts contracts = Sample.contracts();
    private final FakeChecklists checklists = new FakeChecklists(contracts);

    ChecklistCommandTest() {
        Instant at = Instant.parse("2022-12-30T01:15:00Z");
        CheckRecord wrong = new CheckRecord("chk:a", FRIDAY, "主", false, "服务无响应", "engineer", at, null, "chk:b",
                List.of(new FaultRecord("chk:a:fault", "无响应", "王工", null, "reported")));
        CheckRecord right = new CheckRecord("chk:b", FRIDAY, "主", true, "误读", "engineer", at.plusSeconds(600), "chk:a", null, List.of());
        checklists.put(new Checklist(Sample.ID, FRIDAY, List.of(
                new ChecklistItem("ia.d05", "identity-auth", "检查证书链列表验证服务是否正常运行", "附件三 1.1.1(一) 5)", Frequency.DAILY,
                        "2022-12-30", List.of("主", "备"), "identity-auth.fault", List.of(wrong, right)))));
        checklists.put(new Checklist(Sample.ID, LAST, List.of()));
    }

    private ChecklistCommand command(String day) {
        ChecklistCommand c = new ChecklistCommand();
        c.contracts = contracts;
        c.checklists = checklists;
        c.contractId = Sample.ID;
        c.day = day;
        return c;
    }

    @Test
    @DisplayName("prints one line per item and system: the standing result, who and when in Beijing time, and what is left to do")
    void printsEachItemOnEachSystem() throws Exception {
        String out = Run.output(command("2022-12-30"));
        String main = out.lines().filter(l -> l.contains("| 主 ")).findFirst().orElseThrow(() -> new AssertionError(out));
        assertEquals(List.of("identity-auth", "ia.d05", "每日", "2022-12-30", "主", "正常 (normal)，已更正 1 次 (corrected)", "e*******",
                "2022-12-30 09:25", "检查证书链列表验证服务是否正常运行"), List.of(main.split("\\|")).stream().map(String::strip).toList(), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("| 备 ") && l.contains("未检查 (to do)")), out);
        assertTrue(out.contains("已完成 1/2 (done)"), out);
    }

    @Test
    @DisplayName("without a day, a contract whose service period has ended shows its last day")
    void defaultsToTheLastDayOfAnEndedPeriod() throws Exception {
        assertTrue(Run.output(command(null)).contains("2022-12-31 没有到期的检查项"));
    }

    @Test
    @DisplayName("a malformed day and a day outside the contract are one line each, never a stack trace")
    void refusesBadDaysInOneLine() {
        assertTrue(Run.refusal(command("30.12.2022")).contains("不是日期"));
        assertTrue(Run.refusal(command("2023-02-01")).contains("不在合同服务期内"));
    }
}
