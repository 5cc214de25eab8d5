package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.store.StoredContract;
import org.lvyue.api.waiver.Waiver;

/**
 * The digests the evidence chain holds for waiver, contract and audit rows, and the chain's own
 * content and entry hashes (facts and findings: {@link FactTableTest}, {@link FindingTableTest}).
 * Every chain in use was written with them, so they may never change: the expected values are the
 * ones the store computed when such rows were first chained, in SM3 and in SHA-256.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RowDigestsTest {
    private static final String SM3 = "SM3";
    private static final String SHA = "SHA-256";
    private static final Instant RECEIVED = Instant.parse("2023-01-10T02:00:00.123456789Z");
    private static final H2Dialect H2 = new H2Dialect();

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void a_waiver_digests_as_it_always_did_granted_or_withdrawn() {
        Waiver withdrawn = new Waiver(7, TestData.CONTRACT, Waiver.Target.LEDGER, "ledger|七.2|2022-Q3", "甲方书面同意免除",
                LocalDate.of(2023, 12, 31), "admin", Instant.parse("2023-01-11T08:00:00Z"), "evaluator",
                Instant.parse("2023-02-01T09:30:00.25Z"), "撤回");
        Waiver granted = new Waiver(8, TestData.CONTRACT, Waiver.Target.FINDING, "k", "j", null, "admin",
                Instant.parse("2023-01-11T08:00:00Z"), null, null, null);
        WaiverTable table = new WaiverTable(H2);
        assertEquals("d3da11c0a13cb3a33e514150c3951714d82347ba231cb8c24c92afa96d8515c2",
                table.digest(ChainDigest.of(SM3), withdrawn));
        assertEquals("b93e40a9fdd46441dc158a63d9e5bacd21768f601cce81ccfaef287da66b21b5",
                table.digest(ChainDigest.of(SHA), granted));
    }

    @Test
    void a_contract_definition_digests_as_it_always_did() {
        ContractTable table = new ContractTable(H2);
        StoredContract contract = new StoredContract("bj-hrss-2022", 3, "{\"id\":\"bj-hrss-2022\",\"name\":\"安全应用维护服务\"}",
                Instant.parse("2023-01-01T00:00:00.000000001Z"), "admin");
        assertEquals("fce8f8603114c78950ddfc886cc8bbb5f6eff3f340c5ec2cf77fc2ac73d98435",
                table.digest(ChainDigest.of(SM3), contract));
        assertEquals("bf941966a7ddfe7a4842e228b2d2ce3667d7dff4ae464ca6c8cf1f567f57bd7c",
                table.digest(ChainDigest.of(SHA), new StoredContract("c", 1, "{}", Instant.parse("2023-01-01T00:00:00Z"), null)));
    }

    @Test
    void an_audit_entry_digests_as_it_always_did_whatever_evidence_position_it_carries() {
        AuditEvent download = new AuditEvent("A-1", LocalDateTime.of(2022, 3, 1, 9, 0, 1, 123_457_000), "zhang", "10.0.0.1",
                "file-download", "参保登记表.xlsx", true, "req-42", "社保业务系统");
        AuditEvent login = new AuditEvent("A-2", LocalDateTime.of(2022, 3, 1, 9, 0), "li", null, "login", null, false, null, null);
        assertEquals("d17323d3b1c0780b09a9b8564033af84",
                hex(AuditTable.digest(ChainDigest.of(SM3), new AuditTable.Row(download, RECEIVED, 3L))));
        assertEquals("d17323d3b1c0780b09a9b8564033af84",
                hex(AuditTable.digest(ChainDigest.of(SM3), new AuditTable.Row(download, RECEIVED, null))));
        assertEquals("6e3a7779afc5ea2c19fc7b101cd6ad0c", hex(AuditTable.digest(ChainDigest.of(SHA),
                new AuditTable.Row(login, Instant.parse("2023-01-10T02:00:00Z"), 0L))));
    }

    @Test
    void report_content_batch_content_and_entry_hash_are_computed_as_they_always_were() {
        assertEquals("838e80316b5dbf528e14d0b525fb977026a399883bfaf67f4615217d603893f1",
                EvidenceTable.reportContent(ChainDigest.of(SM3), "ab".repeat(32), "cd".repeat(32)));
        byte[] rows = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        assertEquals("ea136d43d1f8daa51066bdd9fd7ea1dee8f50a32abfd5e6b38d4cf84e59dcfa6", EvidenceTable.batchContent(SHA, rows));
        assertEquals("2a5eff465ad11cbd5235c4eeefe85c18b0b135ee14285d0b719d57709b47f705", EvidenceTable.entryHash(SM3,
                TestData.CONTRACT, 5, "FACTS", "12", "ef".repeat(32), EvidenceTable.GENESIS, RECEIVED));
    }
}
