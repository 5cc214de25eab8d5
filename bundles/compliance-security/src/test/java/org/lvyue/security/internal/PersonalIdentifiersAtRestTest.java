package org.lvyue.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.store.AppendResult;
import org.lvyue.api.store.StoreException;
import org.lvyue.api.store.StoredContract;
import org.lvyue.store.JdbcStore;
import org.lvyue.testing.PostgresServer;

/**
 * A fact attribute the catalogue marks confidential (the roster's identity card number, {@code staff.member/idNumber})
 * at rest (GB/T 39786-2021 重要数据存储机密性): on a real H2 file and a real PostgreSQL database the store keeps it
 * SM4-encrypted inside the attributes, reads it back in clear, and a retried batch is still a duplicate, not a conflict.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PersonalIdentifiersAtRestTest {
    private static final String CONTRACT = "HT-2022-001";
    private static final String ID_NUMBER = "110101199003071234";
    private static final String PHONE = "13812345678";
    private static final Set<String> CONFIDENTIAL = Set.of("staff.member/idNumber");
    @TempDir
    Path dir;

    @Test
    void on_h2_the_identity_card_number_is_not_in_the_database_file_and_reads_back_in_clear() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").resolve("lvyue");
        check(url, "sa", "");
        // the file itself, the store closed: the number is nowhere in it, while the phone (not marked) is, which shows
        // the search would find a value stored as it is
        String file = files(dir.resolve("db"));
        assertFalse(file.contains(ID_NUMBER), "the H2 file holds the identity card number in clear");
        assertTrue(file.contains(PHONE), "the unencrypted phone number is in the H2 file");
    }

    @Test
    void on_postgresql_the_identity_card_number_is_stored_encrypted_and_reads_back_in_clear() throws Exception {
        PostgresServer.Database db = PostgresServer.shared().freshDatabase("personal-at-rest");
        check(db.plainUrl(), db.user(), db.password());
    }

    private void check(String url, String user, String password) throws Exception {
        Sm4FieldCipher cipher = new Sm4FieldCipher(FieldKeys.load(dir.resolve("keys.properties"), new SecureRandom()),
                new SecureRandom());
        Fact member = Fact.builder().id("staff:P01").contractId(CONTRACT).domain("staffing").kind("staff.member")
                .subject("P01").date(LocalDate.of(2022, 3, 1))
                .attributes(Map.of("name", "王伟", "role", "staff.pm", "years", "8", "idNumber", ID_NUMBER, "phone", PHONE))
                .build();
        try (JdbcStore store = new JdbcStore(url, user, password, 2, Clock.systemUTC(), JdbcStore.DEFAULT_CHAIN_ALGORITHM, cipher)) {
            store.saveContract(new StoredContract(CONTRACT, 1, "{\"id\":\"" + CONTRACT + "\"}", null, "admin"));
            store.appendFacts(CONTRACT, List.of(member), "collector", CONFIDENTIAL);
            assertEquals(ID_NUMBER, store.facts(CONTRACT).get(0).attr("idNumber"));
            assertEquals(ID_NUMBER, store.latestFacts(CONTRACT, "staff.member", 10, 0).get(0).attr("idNumber"));
            AppendResult retried = store.appendFacts(CONTRACT, List.of(member), "collector", CONFIDENTIAL);
            assertEquals(List.of("staff:P01"), retried.duplicates(), "a retried batch is the same fact, not a conflict");
            assertTrue(store.verify(CONTRACT).intact(), "the evidence chain holds over the stored, encrypted text");
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT attributes FROM fact")) {
                assertTrue(rs.next());
                String stored = rs.getString(1);
                assertFalse(stored.contains(ID_NUMBER), stored);
                assertTrue(stored.contains("\"idNumber\":\"sm4:k1:"), stored);
                assertTrue(stored.contains(PHONE), "only the marked attribute is encrypted: " + stored);
            }
        }
        // opened without the cipher (a tool), the encrypted number is refused by name, not handed out as it is stored
        try (JdbcStore plain = new JdbcStore(url, user, password, 2, Clock.systemUTC())) {
            StoreException e = assertThrows(StoreException.class, () -> plain.facts(CONTRACT));
            assertTrue(e.getMessage().contains("fact.staff.member.idNumber"), e.getMessage());
        }
    }

    /** Every file of the database, read as ISO-8859-1 so that any byte sequence is kept. */
    private static String files(Path folder) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
