package org.lvyue.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.integrity.IntegrityProblem;
import org.lvyue.api.integrity.IntegrityReport;
import org.lvyue.api.store.StoreBackup;
import org.lvyue.testing.FakeEvidenceIntegrity;

class IntegrityAndBackupCommandTest {
    private final FakeEvidenceIntegrity integrity = new FakeEvidenceIntegrity(Sample.contracts());

    @TempDir
    Path dir;

    private static IntegrityReport report(List<IntegrityProblem> problems) {
        return new IntegrityReport(Sample.ID, problems.isEmpty(), 12, Map.of("FACTS", 10L, "CONTRACT", 2L),
                Map.of("fact", 1000L), 11, "ab".repeat(32), List.of("SM3"), problems, problems.size(),
                Instant.parse("2023-03-01T00:00:00Z"), Duration.ofMillis(42));
    }

    private IntegrityCommand integrity(String contract) {
        IntegrityCommand c = new IntegrityCommand();
        c.integrity = integrity;
        c.contract = contract;
        return c;
    }

    @Test
    @DisplayName("an intact chain prints its verdict, head, digest and rows verified")
    void printsAnIntactChain() throws Exception {
        integrity.report = report(List.of());
        String out = Run.output(integrity(Sample.ID));
        assertTrue(out.startsWith("证据链完整 (evidence chain intact)"), out);
        assertTrue(out.contains("11:" + "ab".repeat(32)) && out.contains("SM3") && out.contains("fact=1000"), out);
        assertTrue(!out.contains("位置 (position)"), out);
    }

    @Test
    @DisplayName("a broken chain is an answer listing each problem with its position, table and row, not an error")
    void listsTheProblemsOfABrokenChain() throws Exception {
        integrity.report = report(List.of(new IntegrityProblem(7, "fact", "F-9", "事实与证据链第 7 条记录不符"),
                new IntegrityProblem(-1, "waiver", "3", "不在证据链中")));
        String out = Run.output(integrity(Sample.ID));
        assertTrue(out.startsWith("证据链已被改动：2 处"), out);
        String row = out.lines().filter(l -> l.contains("F-9")).findFirst().orElseThrow(() -> new AssertionError(out));
        assertEquals(List.of("7", "fact", "F-9", "事实与证据链第 7 条记录不符"),
                List.of(row.split("\\|")).stream().map(String::strip).toList());
        assertTrue(out.lines().anyMatch(l -> l.strip().startsWith("-") && l.contains("waiver")), out);
    }

    @Test
    @DisplayName("an unknown contract is refused in one line")
    void refusesAnUnknownContract() {
        assertTrue(Run.refusal(integrity("no-such")).contains("不存在"));
    }

    @Test
    @DisplayName("a backup is written where asked, relative to the current folder, and prints each contract's chain head")
    void backsUpAndPrintsTheHeads() throws Exception {
        List<Path> asked = new ArrayList<>();
        BackupCommand c = new BackupCommand();
        c.backup = zip -> {
            asked.add(zip);
            return new StoreBackup.BackupResult(zip, 4096, Map.of(Sample.ID, "11:" + "ab".repeat(32)));
        };
        c.file = dir.resolve("b.zip").toString();
        String out = Run.output(c);
        assertEquals(List.of(dir.resolve("b.zip")), asked);
        assertTrue(out.contains("4096 字节") && out.contains(Sample.ID) && out.contains("11:" + "ab".repeat(32)), out);
    }

    @Test
    @DisplayName("a backup file not named .zip, or one the store refuses, is refused in one line")
    void refusesBadBackupFiles() {
        BackupCommand c = new BackupCommand();
        c.backup = zip -> {
            throw new IllegalArgumentException("备份文件已存在，不覆盖：" + zip);
        };
        c.file = dir.resolve("b.tar").toString();
        assertTrue(Run.refusal(c).contains(".zip"));
        c.file = dir.resolve("b.zip").toString();
        assertTrue(Run.refusal(c).contains("备份文件已存在"));
    }

    @Test
    @DisplayName("a backup of a PostgreSQL store is refused in one line that points to pg_dump")
    void refusesABackupOfPostgresql() {
        BackupCommand c = new BackupCommand();
        c.backup = zip -> {
            throw new UnsupportedOperationException("PostgreSQL 存储不由本产品备份，请用 pg_dump 备份");
        };
        c.file = dir.resolve("b.zip").toString();
        assertTrue(Run.refusal(c).contains("pg_dump"));
    }
}
