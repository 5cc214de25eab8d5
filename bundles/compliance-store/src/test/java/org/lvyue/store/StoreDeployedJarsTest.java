package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.store.DeployedJars.Jar;

/**
 * The domain bundles deployed on a cluster's nodes, as two nodes' stores on one database (H2 and PostgreSQL) record
 * and read them: a jar of a few megabytes comes back byte for byte, a newer one replaces it, a removal is kept.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreDeployedJarsTest extends StoreTest {
    private JdbcStore other;

    @BeforeEach
    void secondNode() {
        other = new JdbcStore(url());
    }

    @AfterEach
    void closeOther() {
        other.close();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void a_jar_deployed_on_one_node_is_read_whole_by_another_and_a_newer_one_replaces_it() throws Exception {
        byte[] jar = new byte[3 * 1024 * 1024];
        new Random(26).nextBytes(jar);
        store.deployed("domain-drill-1.0.0.jar", jar, "a");

        List<Jar> seen = other.jars();
        assertEquals(1, seen.size());
        Jar j = seen.get(0);
        assertEquals("domain-drill-1.0.0.jar", j.name());
        assertEquals(sha256(jar), j.digest());
        assertFalse(j.removed());
        assertEquals("a", j.nodeId());
        assertArrayEquals(jar, other.content(j.name(), j.digest()).orElseThrow());

        byte[] newer = "another build".getBytes(StandardCharsets.UTF_8);
        other.deployed("domain-drill-1.0.0.jar", newer, "b");
        Jar replaced = store.jars().get(0);
        assertEquals(sha256(newer), replaced.digest());
        assertEquals("b", replaced.nodeId());
        assertTrue(store.content(j.name(), j.digest()).isEmpty(), "the content of the replaced build is gone");
        assertArrayEquals(newer, store.content(j.name(), replaced.digest()).orElseThrow());
    }

    @Test
    void a_removal_is_kept_and_applies_only_to_the_build_it_names() throws Exception {
        byte[] jar = "build 1".getBytes(StandardCharsets.UTF_8);
        store.deployed("x.jar", jar, "a");
        other.removed("x.jar", sha256("build 0".getBytes(StandardCharsets.UTF_8)), "b");
        assertFalse(store.jars().get(0).removed(), "a removal of an older build does not remove a newer one");

        other.removed("x.jar", sha256(jar), "b");
        Jar removed = store.jars().get(0);
        assertTrue(removed.removed());
        assertEquals("b", removed.nodeId());
        assertTrue(store.content("x.jar", removed.digest()).isEmpty());

        store.deployed("x.jar", jar, "a");
        assertFalse(other.jars().get(0).removed(), "deployed again after its removal");
    }
}
