package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.store.TestData.CONTRACT;
import static org.lvyue.store.TestData.fact;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.store.ContractLeases.Lease;
import org.lvyue.api.store.ContractNotOwnedException;

/**
 * Two nodes of a cluster on one database (H2 and PostgreSQL): each contract's lease, its epoch, and the fencing of
 * every write by it. A lease given {@link Duration#ZERO} lapses at once, so that a takeover needs no waiting.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreLeasesTest extends StoreTest {
    private static final Duration LONG = Duration.ofMinutes(10);
    private JdbcStore other;

    @BeforeEach
    void twoNodes() {
        store.join("node-a");
        other = anotherNode();
        other.join("node-b");
    }


    @Test
    void a_free_contract_is_taken_with_epoch_1_renewed_by_its_holder_and_refused_to_another_node_while_it_runs() {
        Lease a = store.acquire(CONTRACT, LONG).orElseThrow();
        assertEquals(1, a.epoch());
        assertEquals("node-a", a.nodeId());
        assertTrue(store.renew(CONTRACT, LONG));
        assertTrue(other.acquire(CONTRACT, LONG).isEmpty(), "node-a's lease runs");
        assertEquals("node-a", other.holder(CONTRACT).orElseThrow().nodeId());
        assertEquals(List.of(CONTRACT), other.leases().stream().map(Lease::contractId).toList());
    }

    @Test
    void a_lapsed_lease_is_taken_with_the_next_epoch_and_the_node_that_lost_it_can_neither_write_nor_renew() {
        store.acquire(CONTRACT, Duration.ZERO).orElseThrow();
        assertEquals(1, store.appendFacts(CONTRACT, List.of(fact("f1").build()), "alice").stored().size(),
                "its holder writes, lapsed or not, while nobody took the contract over");
        Lease b = other.acquire(CONTRACT, LONG).orElseThrow();
        assertEquals(2, b.epoch());

        ContractNotOwnedException late = assertThrows(ContractNotOwnedException.class,
                () -> store.appendFacts(CONTRACT, List.of(fact("f2").build()), "alice"));
        assertTrue(late.getMessage().startsWith("本节点 node-a 不持有合同"), late.getMessage());
        assertEquals(CONTRACT, late.contractId());
        assertFalse(store.renew(CONTRACT, LONG), "node-a's lease is gone");
        assertEquals(1, other.factCount(CONTRACT), "the late write stored nothing");

        assertEquals(1, other.appendFacts(CONTRACT, List.of(fact("f2").build()), "bob").stored().size());
        assertTrue(other.verify(CONTRACT).intact(), "one chain, written by one holder after the other");
    }

    @Test
    void a_nodes_leases_are_renewed_together_and_those_taken_over_meanwhile_are_named_lost() {
        for (String c : List.of("c1", "c2", "c3")) {
            store.acquire(c, c.equals("c2") ? Duration.ZERO : LONG).orElseThrow();
        }
        other.acquire("c2", LONG).orElseThrow(); // c2 lapsed and node-b took it
        other.acquire("c4", LONG).orElseThrow();

        assertEquals(java.util.Set.of("c1", "c3"), store.renewAll(List.of("c1", "c2", "c3", "c4"), LONG),
                "c2 is node-b's now, c4 was never node-a's");
        assertFalse(store.renew("c2", LONG), "the lost lease is forgotten");
        assertEquals("node-b", other.holder("c2").orElseThrow().nodeId());
        assertTrue(other.acquire("c1", LONG).isEmpty(), "c1 renewed: node-a's lease runs");
        assertEquals(java.util.Set.of(), store.renewAll(List.of(), LONG));
    }

    @Test
    void a_node_writes_no_contract_it_never_took() {
        assertThrows(ContractNotOwnedException.class, () -> store.appendFacts(CONTRACT, List.of(fact("f1").build()), "alice"));
        assertEquals(0, store.factCount(CONTRACT));
    }

    @Test
    void a_released_lease_is_taken_over_at_once_and_a_node_started_again_fences_out_its_earlier_start() {
        store.acquire(CONTRACT, LONG).orElseThrow();
        store.release(CONTRACT);
        assertTrue(store.holder(CONTRACT).isEmpty());
        assertEquals(2, other.acquire(CONTRACT, LONG).orElseThrow().epoch());

        // node-b starts again (a new store, the same id): it takes its own contract back at once, with a new epoch
        JdbcStore restarted = new JdbcStore(url());
        try {
            restarted.join("node-b");
            assertEquals(3, restarted.acquire(CONTRACT, LONG).orElseThrow().epoch());
            assertThrows(ContractNotOwnedException.class, () -> other.appendFacts(CONTRACT, List.of(fact("f1").build()), "bob"));
            assertEquals(1, restarted.appendFacts(CONTRACT, List.of(fact("f1").build()), "bob").stored().size());
        } finally {
            restarted.close();
        }
    }

    @Test
    void a_store_that_joined_no_cluster_fences_nothing_and_takes_no_lease() {
        JdbcStore single = new JdbcStore(url());
        try {
            assertEquals("", single.nodeId());
            assertEquals(1, single.appendFacts(CONTRACT, List.of(fact("f1").build()), "alice").stored().size());
            assertThrows(IllegalStateException.class, () -> single.acquire(CONTRACT, LONG));
        } finally {
            single.close();
        }
    }
}
