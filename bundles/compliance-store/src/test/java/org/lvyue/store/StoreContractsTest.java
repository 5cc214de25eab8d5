package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.store.StoredContract;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreContractsTest extends StoreTest {
    private static final Instant T1 = Instant.parse("2023-01-10T02:00:00.5Z");

    @Test
    void a_contract_is_stored_and_read_back_exactly() {
        String definition = "{\"id\":\"HT-2022-001\",\"title\":\"安全运维服务合同\",\"version\":1}";
        store.saveContract(new StoredContract("HT-2022-001", 1, definition, T1, "admin"));
        assertEquals(Optional.of(new StoredContract("HT-2022-001", 1, definition, T1, "admin")),
                store.contract("HT-2022-001"));
        assertEquals(Optional.empty(), store.contract("nope"));
    }

    @Test
    void a_higher_version_replaces_and_a_lower_one_is_refused() {
        store.saveContract(new StoredContract("B", 1, "{\"v\":1}", T1, "admin"));
        store.saveContract(new StoredContract("A", 1, "{}", T1, "admin"));
        store.saveContract(new StoredContract("B", 3, "{\"v\":3}", T1.plusSeconds(5), "bob"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.saveContract(new StoredContract("B", 2, "{\"v\":2}", T1, "eve")));
        assertTrue(e.getMessage().contains("version 2 is older than the stored version 3"), e.getMessage());
        assertEquals(List.of("A:1", "B:3:bob"), store.contracts().stream()
                .map(c -> c.id() + ":" + c.version() + (c.id().equals("B") ? ":" + c.storedBy() : "")).toList());
        assertEquals("{\"v\":3}", store.contract("B").orElseThrow().definition());
        assertEquals(java.util.Map.of("A", 1, "B", 3), store.contractVersions(), "the versions alone, as stored");
    }

    @Test
    void the_same_version_again_replaces_the_definition_and_a_missing_time_is_now() {
        store.saveContract(new StoredContract("A", 1, "{}", T1, "admin"));
        store.saveContract(new StoredContract("A", 1, "{\"fixed\":true}", null, "admin"));
        StoredContract stored = store.contract("A").orElseThrow();
        assertEquals("{\"fixed\":true}", stored.definition());
        assertTrue(stored.storedAt().isAfter(T1));
    }

    @Test
    void contracts_survive_a_restart() {
        store.saveContract(new StoredContract("A", 2, "{}", T1, "admin"));
        store.close();
        store = new JdbcStore(url());
        assertEquals(2, store.contract("A").orElseThrow().version());
    }
}
