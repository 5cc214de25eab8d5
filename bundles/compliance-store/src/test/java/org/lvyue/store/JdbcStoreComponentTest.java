package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JdbcStoreComponentTest {
    @TempDir
    Path dir;

    @Test
    void karaf_data_in_the_url_is_the_system_property_or_dot_data() {
        String before = System.getProperty("karaf.data");
        try {
            System.clearProperty("karaf.data");
            assertEquals("jdbc:h2:file:./data/lvyue/lvyue", JdbcStore.resolveUrl(JdbcStore.DEFAULT_URL));
            System.setProperty("karaf.data", "/opt/karaf/data");
            assertEquals("jdbc:h2:file:/opt/karaf/data/lvyue/lvyue", JdbcStore.resolveUrl(JdbcStore.DEFAULT_URL));
        } finally {
            if (before == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", before);
            }
        }
    }

    @Test
    void a_url_of_a_database_without_a_dialect_is_refused_before_anything_is_opened() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JdbcStore("jdbc:mysql://localhost/lvyue"));
        assertTrue(e.getMessage().startsWith("不支持的数据库地址：jdbc:mysql://localhost/lvyue"), e.getMessage());
    }

    @Test
    void the_component_opens_the_default_url_under_karaf_data_and_closes_it_on_deactivation() {
        String before = System.getProperty("karaf.data");
        System.setProperty("karaf.data", dir.toString());
        try {
            JdbcStore component = new JdbcStore(config(JdbcStore.DEFAULT_URL), null);
            component.appendFacts(TestData.CONTRACT, List.of(TestData.fact("f1").build()), "alice");
            assertEquals(1, component.factCount(TestData.CONTRACT));
            assertTrue(component.url().endsWith(";WRITE_DELAY=0"), component.url());
            component.close();
            assertThrows(IllegalStateException.class, () -> component.factCount(TestData.CONTRACT));
            assertTrue(Files.isRegularFile(dir.resolve("lvyue/lvyue.mv.db")), "the database is in ${karaf.data}/lvyue");

            JdbcStore again = new JdbcStore(config(JdbcStore.DEFAULT_URL), null);
            assertEquals(1, again.factCount(TestData.CONTRACT));
            again.close();
        } finally {
            if (before == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", before);
            }
        }
    }

    private static JdbcStore.Config config(String url) {
        return org.lvyue.testing.AnnotationConfigs.of(JdbcStore.Config.class,
                java.util.Map.of("url", url, "maxConnections", 2, "chainAlgorithm", "SHA-256"));
    }
}
