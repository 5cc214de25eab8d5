package org.lvyue.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.store.ContractNotOwnedException;
import org.lvyue.store.JdbcStore;
import org.lvyue.testing.PostgresServer;

/**
 * Two nodes sharing the contracts of one real PostgreSQL database (a fresh one per test), each through its own store
 * as a node of the cluster opens it, each with its own keeper: the leases and the nodes' rows are the only shared
 * state.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LeaseKeeperTest {
    private static final List<String> CONTRACTS = List.of("c1", "c2", "c3", "c4");
    private PostgresServer.Database database;
    private final List<JdbcStore> stores = new ArrayList<>();

    @BeforeEach
    void createDatabase() {
        database = PostgresServer.shared().freshDatabase("LeaseKeeperTest");
    }

    @AfterEach
    void dropDatabase() {
        stores.forEach(JdbcStore::close);
        PostgresServer.shared().drop(database);
    }

    /** A node: its store joined to the cluster, and its keeper with what it was told. */
    private final class Node implements LeaseKeeper.Listener {
        final JdbcStore store;
        final LeaseKeeper keeper;
        final List<String> events = new ArrayList<>();

        Node(String id, Duration ttl) {
            store = new JdbcStore(database.url());
            stores.add(store);
            store.join(id);
            keeper = new LeaseKeeper(store, store, () -> CONTRACTS, "http://" + id + ":8181", ttl, this);
        }

        @Override
        public void gained(String contractId, long epoch) {
            events.add("+" + contractId);
        }

        @Override
        public void lost(String contractId) {
            events.add("-" + contractId);
        }
    }

    @Test
    void a_node_alone_takes_every_contract_and_hands_half_over_when_a_second_node_is_alive() {
        Node a = new Node("a", Duration.ofSeconds(30));
        Node b = new Node("b", Duration.ofSeconds(30));

        assertEquals(CONTRACTS, a.keeper.tick().held());
        LeaseKeeper.Tick first = b.keeper.tick();
        assertEquals(2, first.nodes());
        assertEquals(List.of(), first.held(), "every contract is a's until a hands some over");
        LeaseKeeper.Tick handOver = a.keeper.tick();
        assertEquals(List.of("c1", "c2"), handOver.held());
        assertEquals(List.of("c4", "c3"), handOver.lost(), "the last ones by id");
        assertEquals(List.of("c3", "c4"), b.keeper.tick().held());

        assertEquals(List.of("+c1", "+c2", "+c3", "+c4", "-c4", "-c3"), a.events);
        assertEquals(List.of("+c3", "+c4"), b.events);
        assertEquals("b", a.store.holder("c3").orElseThrow().nodeId());
        assertEquals(2, a.store.holder("c3").orElseThrow().epoch(), "the epoch moved on with the holder");
    }

    @Test
    void a_contract_claimed_while_it_is_being_defined_is_kept_though_not_yet_stored_and_refused_to_another_node() {
        Node a = new Node("a", Duration.ofSeconds(30));
        Node b = new Node("b", Duration.ofSeconds(30));
        a.keeper.tick();
        b.keeper.tick();
        a.keeper.tick();
        assertEquals(List.of("c3", "c4"), b.keeper.tick().held(), "two each");

        assertTrue(a.keeper.claim("c5"), "nobody holds c5: a defines it");
        assertTrue(a.events.contains("+c5"));
        assertTrue(a.keeper.tick().held().contains("c5"), "not among the stored contracts yet, and not handed over");
        assertFalse(b.keeper.claim("c5"), "a holds it");
        assertTrue(a.keeper.claim("c5"), "claimed again by its holder: still a's");
    }

    @Test
    void a_contract_being_defined_is_not_handed_over_when_its_node_holds_more_than_its_share() {
        Node a = new Node("a", Duration.ofSeconds(30));
        Node b = new Node("b", Duration.ofSeconds(30));
        a.keeper.tick();
        b.keeper.tick(); // b is alive and holds nothing yet

        assertTrue(a.keeper.claim("c5"), "a defines c5, the last contract by id");
        LeaseKeeper.Tick t = a.keeper.tick();
        assertEquals(List.of("c1", "c2", "c5"), t.held(), "five contracts on two nodes: a keeps three, c5 among them");
        assertEquals(List.of("c4", "c3"), t.lost());
        assertEquals("a", a.store.holder("c5").orElseThrow().nodeId(), "the definition under way can still be stored");
    }

    @Test
    void a_node_that_stops_hands_its_contracts_over_at_once_and_leaves() {
        Node a = new Node("a", Duration.ofSeconds(30));
        Node b = new Node("b", Duration.ofSeconds(30));
        a.keeper.tick();
        b.keeper.tick();

        a.keeper.stop();

        assertEquals(List.of("b"), b.store.nodes().stream().map(n -> n.nodeId()).toList());
        assertEquals(CONTRACTS, b.keeper.tick().held(), "without waiting for a's leases to run out");
    }

    @Test
    void the_contracts_of_a_node_that_stopped_ticking_are_taken_once_its_leases_ran_out_and_its_writes_are_refused()
            throws InterruptedException {
        Duration ttl = Duration.ofMillis(1500);
        Node a = new Node("a", ttl);
        Node b = new Node("b", ttl);
        a.keeper.tick();
        assertEquals(List.of(), b.keeper.tick().held());
        a.store.appendFacts("c1", List.of(fact("F-1")), "a");

        // a is paused: it ticks no more, b keeps ticking until a's leases and row ran out (the database's clock)
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (b.keeper.held().size() < CONTRACTS.size() && System.nanoTime() < deadline) {
            b.keeper.tick();
            Thread.sleep(100);
        }
        assertEquals(CONTRACTS, b.keeper.held(), "b took every contract");
        assertEquals(List.of("b"), b.store.nodes().stream().map(n -> n.nodeId()).toList(), "a counts as gone");

        // a wakes up: its write is refused, nothing of it stored, and its next tick says what it lost
        ContractNotOwnedException refused = assertThrows(ContractNotOwnedException.class,
                () -> a.store.appendFacts("c1", List.of(fact("F-2")), "a"));
        assertEquals("c1", refused.contractId());
        assertEquals(List.of("F-1"), b.store.facts("c1").stream().map(Fact::getId).toList());
        LeaseKeeper.Tick woken = a.keeper.tick();
        assertTrue(woken.lost().containsAll(List.of("c2", "c3", "c4")), woken.toString());
        assertEquals(List.of(), woken.gained(), "b holds them all and a's share is taken");
        b.store.appendFacts("c1", List.of(fact("F-2")), "b");
        assertEquals(List.of("F-1", "F-2"), b.store.facts("c1").stream().map(Fact::getId).toList());
    }

    private static Fact fact(String id) {
        return Fact.builder().id(id).contractId("c1").domain("inspection").kind("inspection.performed").subject("CHK-01")
                .date(LocalDate.of(2022, 3, 7)).status("ok").build();
    }
}
