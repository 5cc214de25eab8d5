package org.lvyue.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.store.JdbcStore;

/**
 * Two nodes' deploy folders kept in step through one real database (an H2 file; each node its own store on it), a
 * round at a time as each node's sync thread would run them: what one node deploys, replaces or removes, the other
 * does too, also when it was down at the time.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DeployFolderSyncTest {
    @TempDir
    Path tmp;
    private final List<JdbcStore> stores = new ArrayList<>();

    @AfterEach
    void close() {
        stores.forEach(JdbcStore::close);
    }

    /** A node: its folder and state file under {@code tmp/<id>}, its own store on the shared database. */
    private DeployFolderSync node(String id) throws IOException {
        JdbcStore store = new JdbcStore("jdbc:h2:file:" + tmp.resolve("db/lvyue"));
        stores.add(store);
        Path home = Files.createDirectories(tmp.resolve(id));
        Files.createDirectories(home.resolve("deploy"));
        return new DeployFolderSync(store, id, home.resolve("deploy"), home.resolve("state.properties"));
    }

    private Path deploy(String node) {
        return tmp.resolve(node).resolve("deploy");
    }

    /** A jar copied in a while ago (a fresh one waits a second before it is read). */
    private void put(String node, String name, String content) throws IOException {
        Path f = deploy(node).resolve(name);
        Files.writeString(f, content);
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(60)));
    }

    /** Time passes: what a round wrote a moment ago is no longer fresh. */
    private void age(String node) throws IOException {
        try (var files = Files.list(deploy(node))) {
            for (Path f : files.toList()) {
                Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(60)));
            }
        }
    }

    private String read(String node, String name) throws IOException {
        return Files.readString(deploy(node).resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void a_jar_deployed_replaced_and_removed_on_one_node_is_so_on_the_other() throws IOException {
        DeployFolderSync a = node("a");
        DeployFolderSync b = node("b");
        put("a", "domain-x.jar", "build 1");
        a.round();
        b.round();
        assertEquals("build 1", read("b", "domain-x.jar"));

        put("b", "domain-x.jar", "build 2");
        b.round();
        a.round();
        assertEquals("build 2", read("a", "domain-x.jar"), "replaced on b, so on a");

        Files.delete(deploy("a").resolve("domain-x.jar"));
        a.round();
        b.round();
        assertFalse(Files.exists(deploy("b").resolve("domain-x.jar")), "removed on a, so on b");
        a.round();
        assertFalse(Files.exists(deploy("a").resolve("domain-x.jar")), "and not brought back to a");
    }

    @Test
    void a_node_down_while_a_jar_was_removed_removes_it_at_its_start_instead_of_deploying_it_again() throws IOException {
        DeployFolderSync a = node("a");
        DeployFolderSync b = node("b");
        put("a", "domain-x.jar", "build 1");
        a.round();
        b.round();
        assertTrue(Files.exists(deploy("b").resolve("domain-x.jar")));
        // b stops; a removes the jar; b starts again with the file still in its folder
        Files.delete(deploy("a").resolve("domain-x.jar"));
        a.round();
        age("b");
        DeployFolderSync restarted = node("b");
        restarted.round();
        assertFalse(Files.exists(deploy("b").resolve("domain-x.jar")));
        a.round();
        assertFalse(Files.exists(deploy("a").resolve("domain-x.jar")));
    }

    @Test
    void the_jars_every_node_ships_are_recorded_once_and_an_older_build_on_a_later_node_is_replaced() throws IOException {
        DeployFolderSync a = node("a");
        put("a", "domain-x.jar", "build 2");
        put("a", "domain-y.jar", "y");
        a.round();
        DeployFolderSync b = node("b");
        put("b", "domain-x.jar", "build 1"); // b was unpacked from an older distribution
        put("b", "domain-y.jar", "y");
        b.round();
        assertEquals("build 2", read("b", "domain-x.jar"), "the cluster's build, not b's own");
        assertEquals(2, stores.get(0).jars().size());
        assertTrue(stores.get(0).jars().stream().allMatch(j -> j.nodeId().equals("a")), "b recorded nothing of its own");
    }

    @Test
    void a_jar_still_being_copied_in_is_left_for_the_next_round() throws IOException {
        DeployFolderSync a = node("a");
        Files.writeString(deploy("a").resolve("domain-x.jar"), "half a jar");
        a.round();
        assertTrue(stores.get(0).jars().isEmpty());
        Files.setLastModifiedTime(deploy("a").resolve("domain-x.jar"), FileTime.from(Instant.now().minusSeconds(5)));
        a.round();
        assertArrayEquals("half a jar".getBytes(StandardCharsets.UTF_8),
                stores.get(0).content("domain-x.jar", stores.get(0).jars().get(0).digest()).orElseThrow());
    }
}
