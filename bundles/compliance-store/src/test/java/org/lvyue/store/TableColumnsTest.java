package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Each table class declares every column the migrations give its table, so a column added by a
 * migration and not by the class (which then neither writes, reads nor digests it) fails here.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TableColumnsTest extends DatabaseTest {
    private TreeSet<String> columnsOf(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE LOWER(table_schema) = 'public' AND LOWER(table_name) = ?")) {
            ps.setString(1, table.toLowerCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                TreeSet<String> names = new TreeSet<>();
                while (rs.next()) {
                    names.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
                return names;
            }
        }
    }

    /** The class's columns and those it sets otherwise (the contract it works on, generated keys). */
    private static TreeSet<String> declared(Columns columns, String... besides) {
        List<String> all = new ArrayList<>(columns.names());
        all.addAll(List.of(besides));
        return new TreeSet<>(all);
    }

    @Test
    void every_column_of_every_table_is_one_its_class_declares() throws SQLException {
        try (Connection c = schema()) {
            assertEquals(declared(ContractTable.COLUMNS), columnsOf(c, "contract"));
            assertEquals(declared(RestartStampTable.COLUMNS), columnsOf(c, "restart_stamp"));
            assertEquals(declared(AccountLockTable.LOCK), columnsOf(c, "account_lock"));
            assertEquals(declared(LoginCertificateTable.CHALLENGE), columnsOf(c, "login_challenge"));
            assertEquals(declared(FactTable.COLUMNS, "contract_id", "seq"), columnsOf(c, "fact"));
            assertEquals(declared(FactTable.BATCH_COLUMNS, "id"), columnsOf(c, "fact_batch"));
            assertEquals(declared(FindingTable.COLUMNS, "contract_id"), columnsOf(c, "finding"));
            assertEquals(declared(WaiverTable.COLUMNS), columnsOf(c, "waiver"));
            assertEquals(declared(AuditTable.COLUMNS, "contract_id"), columnsOf(c, "audit_event"));
            assertEquals(declared(ActivityTable.COLUMNS), columnsOf(c, "activity"));
            assertEquals(new TreeSet<>(List.of("id", "appends")), columnsOf(c, "activity_chain"));
            assertEquals(declared(EvidenceTable.COLUMNS, "contract_id"), columnsOf(c, "evidence"));
            assertEquals(declared(OrganisationTable.COLUMNS), columnsOf(c, "organisation"));
            assertEquals(declared(MembershipTable.COLUMNS, "seal"), columnsOf(c, "membership"));
            assertEquals(declared(ApiTokenTable.COLUMNS, "secret_hash", "seal"), columnsOf(c, "api_token"));
            assertEquals(new TreeSet<>(List.of("table_name")), columnsOf(c, "access_seal"));
        }
    }
}
