package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.store.StoredContract;
import org.lvyue.api.waiver.Waiver;

/**
 * The digests the evidence chain holds for rows already stored. Every chain in use was written
 * with them, so they may never change: the expected values are the ones the store computed when
 * these rows were first chained, in SM3 and in SHA-256.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RowDigestsTest {
    private static final String SM3 = "SM3";
    private static final String SHA = "SHA-256";
    private static final Instant RECEIVED = Instant.parse("2023-01-10T02:00:00.123456789Z");

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String factRow(String algorithm, boolean everyColumn) {
        if (everyColumn) {
            String attributes = Json.attributes(Map.of("note", "巡检正常", "system", "社保业务系统"));
            return hex(Evidence.factRow(ChainDigest.of(algorithm), "F-1", "inspection", "inspection.performed", "CHK-01",
                    LocalDate.of(2022, 3, 7), LocalDateTime.of(2022, 3, 7, 9, 15, 30, 123_456_789), "ok",
                    new BigDecimal("12.50"), attributes, "rest", RECEIVED));
        }
        return hex(Evidence.factRow(ChainDigest.of(algorithm), "F-2", "inspection", "inspection.performed", null,
                LocalDate.of(2022, 3, 8), null, null, null, null, null, Instant.parse("2023-01-10T02:00:00Z")));
    }

    private static Finding.Builder monthly() {
        return Finding.builder().contractId(TestData.CONTRACT).key("inspection|daily|2022-03").domain("inspection")
                .obligation("ia.d05").rule("每日检查未执行").clause("附件三 1.6.1").severity(Severity.HIGH)
                .period(LocalDate.of(2022, 3, 1), LocalDate.of(2022, 3, 31), "2022-03").title("未按期巡检")
                .detail("应巡检 22 次，实际 20 次").facts(List.of("F-1", "F-2")).occurrences(2);
    }

    private static FindingRecord openWithoutDeadline() {
        return new FindingRecord(monthly().build(), FindingStatus.OPEN, Instant.parse("2023-01-10T08:00:00Z"),
                Instant.parse("2023-01-11T08:00:00.5Z"), null, "org.lvyue.rules.inspection", "1.2.0");
    }

    private static FindingRecord resolvedWithDeadline() {
        Finding f = monthly().deadline(LocalDate.of(2022, 4, 7), "自 2022-03-31 次日起算 5 个工作日").build();
        return new FindingRecord(f, FindingStatus.RESOLVED, Instant.parse("2023-01-10T08:00:00Z"),
                Instant.parse("2023-01-12T08:00:00Z"), Instant.parse("2023-01-12T08:00:00Z"), null, null);
    }

    private static FindingRecord bareFinding() {
        Finding f = Finding.builder().contractId(TestData.CONTRACT).key("k2").domain("support").obligation(null).rule("r")
                .clause("七.2").severity(Severity.LOW).period(LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31), "2022")
                .title("t").detail(null).facts(List.of()).build();
        return new FindingRecord(f, FindingStatus.OPEN, Instant.parse("2023-01-10T08:00:00Z"),
                Instant.parse("2023-01-10T08:00:00Z"), null, null, null);
    }

    @Test
    void a_fact_row_digests_as_it_always_did_with_every_column_set_and_with_every_optional_column_null() {
        assertEquals("12a207aa0f5344f1b0bee2684ccd495d", factRow(SM3, true));
        assertEquals("70725f19b1e1699e92a1254a996aca38", factRow(SM3, false));
        assertEquals("d004e74371d0f59ec2b0a90b7de9efaf", factRow(SHA, true));
        assertEquals("7b47d7271c8a6622c98afc662d8dffb4", factRow(SHA, false));
    }

    @Test
    void a_finding_without_a_deadline_digests_as_it_did_before_findings_had_one() {
        assertEquals("0d17b16b759847452ab38ec0cf64d59c5377a7dee1d7dc49d5feebb354be7f93",
                Evidence.findingRow(ChainDigest.of(SM3), openWithoutDeadline()));
        assertEquals("d523d377406d1a8aa814ebabd303f57ab700d718de05f1dc35b5e5f849534254",
                Evidence.findingRow(ChainDigest.of(SHA), openWithoutDeadline()));
        assertEquals("afef61795b5c93dc0322f06e66db49604ae8fedf1e0f5725355f9ac9bbb53956",
                Evidence.findingRow(ChainDigest.of(SM3), bareFinding()));
        assertEquals("5c8840c1be669839f0edc91146ed6aa6169d18ead4d055e872263cf9e1df4318",
                Evidence.findingRow(ChainDigest.of(SHA), bareFinding()));
    }

    @Test
    void a_finding_with_a_deadline_digests_the_deadline_and_its_basis_too() {
        assertEquals("8360403c703aa09742ba7f7872650c0e4d2e6d7296dbf602f6e69ddac2b7db25",
                Evidence.findingRow(ChainDigest.of(SM3), resolvedWithDeadline()));
        assertEquals("6a6387e81deecdd3568d804868a42073c18779a34db2335dfa5c6b2884164897",
                Evidence.findingRow(ChainDigest.of(SHA), resolvedWithDeadline()));
    }

    @Test
    void waiver_contract_and_audit_rows_digest_as_they_always_did() {
        Waiver withdrawn = new Waiver(7, TestData.CONTRACT, Waiver.Target.LEDGER, "ledger|七.2|2022-Q3", "甲方书面同意免除",
                LocalDate.of(2023, 12, 31), "admin", Instant.parse("2023-01-11T08:00:00Z"), "evaluator",
                Instant.parse("2023-02-01T09:30:00.25Z"), "撤回");
        Waiver granted = new Waiver(8, TestData.CONTRACT, Waiver.Target.FINDING, "k", "j", null, "admin",
                Instant.parse("2023-01-11T08:00:00Z"), null, null, null);
        assertEquals("d3da11c0a13cb3a33e514150c3951714d82347ba231cb8c24c92afa96d8515c2",
                Evidence.waiverRow(ChainDigest.of(SM3), withdrawn));
        assertEquals("b93e40a9fdd46441dc158a63d9e5bacd21768f601cce81ccfaef287da66b21b5",
                Evidence.waiverRow(ChainDigest.of(SHA), granted));

        StoredContract contract = new StoredContract("bj-hrss-2022", 3, "{\"id\":\"bj-hrss-2022\",\"name\":\"安全应用维护服务\"}",
                Instant.parse("2023-01-01T00:00:00.000000001Z"), "admin");
        assertEquals("fce8f8603114c78950ddfc886cc8bbb5f6eff3f340c5ec2cf77fc2ac73d98435",
                Evidence.contractRow(ChainDigest.of(SM3), contract));
        assertEquals("bf941966a7ddfe7a4842e228b2d2ce3667d7dff4ae464ca6c8cf1f567f57bd7c",
                Evidence.contractRow(ChainDigest.of(SHA), new StoredContract("c", 1, "{}", Instant.parse("2023-01-01T00:00:00Z"), null)));

        AuditEvent download = new AuditEvent("A-1", LocalDateTime.of(2022, 3, 1, 9, 0, 1, 123_457_000), "zhang", "10.0.0.1",
                "file-download", "参保登记表.xlsx", true, "req-42", "社保业务系统");
        AuditEvent login = new AuditEvent("A-2", LocalDateTime.of(2022, 3, 1, 9, 0), "li", null, "login", null, false, null, null);
        assertEquals("d17323d3b1c0780b09a9b8564033af84", hex(Evidence.auditRow(ChainDigest.of(SM3), download, RECEIVED)));
        assertEquals("6e3a7779afc5ea2c19fc7b101cd6ad0c",
                hex(Evidence.auditRow(ChainDigest.of(SHA), login, Instant.parse("2023-01-10T02:00:00Z"))));
    }

    @Test
    void report_content_batch_content_and_entry_hash_are_computed_as_they_always_were() {
        assertEquals("838e80316b5dbf528e14d0b525fb977026a399883bfaf67f4615217d603893f1",
                Evidence.reportContent(ChainDigest.of(SM3), "ab".repeat(32), "cd".repeat(32)));
        byte[] rows = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        assertEquals("ea136d43d1f8daa51066bdd9fd7ea1dee8f50a32abfd5e6b38d4cf84e59dcfa6", Evidence.batchContent(SHA, rows));
        assertEquals("2a5eff465ad11cbd5235c4eeefe85c18b0b135ee14285d0b719d57709b47f705",
                Evidence.entryHash(SM3, TestData.CONTRACT, 5, "FACTS", "12", "ef".repeat(32), Evidence.GENESIS, RECEIVED));
    }
}
