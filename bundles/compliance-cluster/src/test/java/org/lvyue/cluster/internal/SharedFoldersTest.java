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
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.security.FieldCipher;
import org.lvyue.security.internal.SecurityConfig;
import org.lvyue.security.internal.Sm4FieldCipher;
import org.lvyue.store.JdbcStore;
import org.lvyue.testing.AnnotationConfigs;

/**
 * Two nodes' {@code deploy/} and {@code etc/} kept in step through one real database (an H2 file; each node its own
 * store on it) and the product's SM4 field cipher over one key file, a round at a time as each node's thread would run
 * them: what one node writes, replaces or removes, the other does too, also when it was down at the time.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SharedFoldersTest {
    @TempDir
    Path tmp;
    private final List<JdbcStore> stores = new ArrayList<>();
    private FieldCipher cipher;
    private boolean withCipher = true;

    @AfterEach
    void close() {
        stores.forEach(JdbcStore::close);
    }

    /** A node: its folders and state file under {@code tmp/<id>}, its own store on the shared database. */
    private SharedFolders node(String id) throws IOException {
        JdbcStore store = new JdbcStore("jdbc:h2:file:" + tmp.resolve("db/lvyue"));
        stores.add(store);
        if (cipher == null) {
            cipher = new Sm4FieldCipher(AnnotationConfigs.of(SecurityConfig.class,
                    Map.of("fieldKeysFile", tmp.resolve("keys.properties").toString())));
        }
        Path home = Files.createDirectories(tmp.resolve(id));
        List<SharedFolders.Folder> folders = List.of(
                new SharedFolders.Folder("deploy/", Files.createDirectories(home.resolve("deploy")), n -> n.endsWith(".jar"), false),
                new SharedFolders.Folder("etc/", Files.createDirectories(home.resolve("etc")),
                        n -> n.equals("users.properties") || n.startsWith("org.lvyue.") && n.endsWith(".cfg")
                                && !SharedFolders.OWN_SETTINGS.contains(n), true));
        return new SharedFolders(store, id, folders, home.resolve("state.properties"), () -> withCipher ? cipher : null);
    }

    private Path file(String node, String path) {
        return tmp.resolve(node).resolve(path);
    }

    /** A file written a while ago (a fresh one waits a second before it is read). */
    private void put(String node, String path, String content) throws IOException {
        Files.writeString(file(node, path), content);
        Files.setLastModifiedTime(file(node, path), FileTime.from(Instant.now().minusSeconds(60)));
    }

    /** Time passes: what a round wrote a moment ago is no longer fresh. */
    private void age(String node) throws IOException {
        for (String folder : List.of("deploy", "etc")) {
            try (var files = Files.list(tmp.resolve(node).resolve(folder))) {
                for (Path f : files.toList()) {
                    Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(60)));
                }
            }
        }
    }

    private String read(String node, String path) throws IOException {
        return Files.readString(file(node, path), StandardCharsets.UTF_8);
    }

    @Test
    void a_jar_deployed_replaced_and_removed_on_one_node_is_so_on_the_other() throws IOException {
        SharedFolders a = node("a");
        SharedFolders b = node("b");
        put("a", "deploy/domain-x.jar", "build 1");
        a.round();
        b.round();
        assertEquals("build 1", read("b", "deploy/domain-x.jar"));

        put("b", "deploy/domain-x.jar", "build 2");
        b.round();
        a.round();
        assertEquals("build 2", read("a", "deploy/domain-x.jar"), "replaced on b, so on a");

        Files.delete(file("a", "deploy/domain-x.jar"));
        a.round();
        b.round();
        assertFalse(Files.exists(file("b", "deploy/domain-x.jar")), "removed on a, so on b");
        a.round();
        assertFalse(Files.exists(file("a", "deploy/domain-x.jar")), "and not brought back to a");
    }

    @Test
    void a_node_down_while_a_jar_was_removed_removes_it_at_its_start_instead_of_deploying_it_again() throws IOException {
        SharedFolders a = node("a");
        SharedFolders b = node("b");
        put("a", "deploy/domain-x.jar", "build 1");
        a.round();
        b.round();
        assertTrue(Files.exists(file("b", "deploy/domain-x.jar")));
        // b stops; a removes the jar; b starts again with the file still in its folder
        Files.delete(file("a", "deploy/domain-x.jar"));
        a.round();
        age("b");
        node("b").round();
        assertFalse(Files.exists(file("b", "deploy/domain-x.jar")));
        a.round();
        assertFalse(Files.exists(file("a", "deploy/domain-x.jar")));
    }

    @Test
    void the_jars_every_node_ships_are_recorded_once_and_an_older_build_on_a_later_node_is_replaced() throws IOException {
        SharedFolders a = node("a");
        put("a", "deploy/domain-x.jar", "build 2");
        put("a", "deploy/domain-y.jar", "y");
        a.round();
        SharedFolders b = node("b");
        put("b", "deploy/domain-x.jar", "build 1"); // b was unpacked from an older distribution
        put("b", "deploy/domain-y.jar", "y");
        b.round();
        assertEquals("build 2", read("b", "deploy/domain-x.jar"), "the cluster's build, not b's own");
        assertEquals(2, stores.get(0).files().size());
        assertTrue(stores.get(0).files().stream().allMatch(f -> f.nodeId().equals("a")), "b recorded nothing of its own");
    }

    @Test
    void a_file_still_being_copied_in_is_left_for_the_next_round() throws IOException {
        SharedFolders a = node("a");
        Files.writeString(file("a", "deploy/domain-x.jar"), "half a jar");
        a.round();
        assertTrue(stores.get(0).files().isEmpty());
        Files.setLastModifiedTime(file("a", "deploy/domain-x.jar"), FileTime.from(Instant.now().minusSeconds(5)));
        a.round();
        assertArrayEquals("half a jar".getBytes(StandardCharsets.UTF_8),
                stores.get(0).content("deploy/domain-x.jar", stores.get(0).files().get(0).digest()).orElseThrow());
    }

    @Test
    void the_users_and_settings_go_to_every_node_encrypted_in_the_database_but_each_node_keeps_its_own_cluster_settings()
            throws IOException {
        SharedFolders a = node("a");
        SharedFolders b = node("b");
        put("a", "etc/users.properties", "zhang = {CRYPT}pbkdf2$abc$def{CRYPT},engineer\n");
        put("a", "etc/org.lvyue.notify.cfg", "smtpPassword = 密码-secret\n");
        put("a", "etc/org.lvyue.cluster.cfg", "nodeId = a\n");
        put("a", "etc/org.apache.karaf.shell.cfg", "sshPort = 8101\n");
        put("b", "etc/org.lvyue.cluster.cfg", "nodeId = b\n");
        a.round();
        b.round();

        assertEquals(read("a", "etc/users.properties"), read("b", "etc/users.properties"));
        assertEquals("smtpPassword = 密码-secret\n", read("b", "etc/org.lvyue.notify.cfg"));
        assertEquals("nodeId = b\n", read("b", "etc/org.lvyue.cluster.cfg"), "each node's own");
        assertFalse(Files.exists(file("b", "etc/org.apache.karaf.shell.cfg")), "Karaf's own settings are each node's");
        String stored = new String(stores.get(0).content("etc/org.lvyue.notify.cfg",
                stores.get(0).files().stream().filter(f -> f.path().equals("etc/org.lvyue.notify.cfg")).findFirst()
                        .orElseThrow().digest()).orElseThrow(), StandardCharsets.US_ASCII);
        assertTrue(stored.startsWith("sm4:"), "encrypted in the database: " + stored);
        assertFalse(stored.contains("secret"));
    }

    @Test
    void without_the_field_cipher_the_files_of_etc_are_left_alone_and_not_taken_for_removed() throws IOException {
        SharedFolders a = node("a");
        SharedFolders b = node("b");
        put("a", "etc/users.properties", "zhang = x,engineer\n");
        a.round();
        b.round();
        withCipher = false;
        Files.delete(file("a", "etc/users.properties"));
        put("a", "deploy/domain-x.jar", "build 1");
        a.round();
        b.round();
        assertTrue(Files.exists(file("b", "etc/users.properties")), "a's removal is not shared without the cipher");
        assertEquals("build 1", read("b", "deploy/domain-x.jar"), "the bundles are");
        withCipher = true;
        a.round();
        age("b");
        b.round();
        assertFalse(Files.exists(file("b", "etc/users.properties")), "shared once the cipher is back");
    }
}
