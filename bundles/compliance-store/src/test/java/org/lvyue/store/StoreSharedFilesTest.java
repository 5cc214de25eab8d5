package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.store.SharedFiles.File;

/**
 * The files a cluster's nodes keep the same, as two nodes' stores on one database (H2 and PostgreSQL) record and read
 * them: a jar of a few megabytes comes back byte for byte, a newer one replaces it, a removal is kept.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreSharedFilesTest extends StoreTest {
    private JdbcStore other;

    @BeforeEach
    void secondNode() {
        other = anotherNode();
    }

    @Test
    void a_file_written_on_one_node_is_read_whole_by_another_and_a_newer_one_replaces_it() {
        byte[] jar = new byte[3 * 1024 * 1024];
        new Random(26).nextBytes(jar);
        store.written("deploy/domain-drill-1.0.0.jar", "d1", jar, "a");

        List<File> seen = other.files();
        assertEquals(1, seen.size());
        File f = seen.get(0);
        assertEquals("deploy/domain-drill-1.0.0.jar", f.path());
        assertEquals("d1", f.digest());
        assertFalse(f.removed());
        assertEquals("a", f.nodeId());
        assertArrayEquals(jar, other.content(f.path(), "d1").orElseThrow());

        byte[] newer = "another build".getBytes(StandardCharsets.UTF_8);
        other.written("deploy/domain-drill-1.0.0.jar", "d2", newer, "b");
        File replaced = store.files().get(0);
        assertEquals("d2", replaced.digest());
        assertEquals("b", replaced.nodeId());
        assertTrue(store.content(f.path(), "d1").isEmpty(), "the content of the replaced build is gone");
        assertArrayEquals(newer, store.content(f.path(), "d2").orElseThrow());
    }

    @Test
    void a_removal_is_kept_and_applies_only_to_the_content_it_names() {
        store.written("etc/users.properties", "d1", "v1".getBytes(StandardCharsets.UTF_8), "a");
        other.removed("etc/users.properties", "d0", "b");
        assertFalse(store.files().get(0).removed(), "a removal of an older content does not remove a newer one");

        other.removed("etc/users.properties", "d1", "b");
        File removed = store.files().get(0);
        assertTrue(removed.removed());
        assertEquals("b", removed.nodeId());
        assertTrue(store.content("etc/users.properties", "d1").isEmpty());

        store.written("etc/users.properties", "d1", "v1".getBytes(StandardCharsets.UTF_8), "a");
        assertFalse(other.files().get(0).removed(), "written again after its removal");
    }
}
