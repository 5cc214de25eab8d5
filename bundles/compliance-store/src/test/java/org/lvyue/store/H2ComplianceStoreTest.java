package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class H2ComplianceStoreTest {
    @TempDir
    Path dir;

    @Test
    void karaf_data_in_the_url_is_the_system_property_or_dot_data() {
        String before = System.getProperty("karaf.data");
        try {
            System.clearProperty("karaf.data");
            assertEquals("jdbc:h2:file:./data/lvyue/lvyue", H2ComplianceStore.resolveUrl(H2ComplianceStore.DEFAULT_URL));
            System.setProperty("karaf.data", "/opt/karaf/data");
            assertEquals("jdbc:h2:file:/opt/karaf/data/lvyue/lvyue", H2ComplianceStore.resolveUrl(H2ComplianceStore.DEFAULT_URL));
        } finally {
            if (before == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", before);
            }
        }
    }

    @Test
    void the_url_always_gets_write_delay_zero() {
        assertEquals("jdbc:h2:file:/x/db;WRITE_DELAY=0", H2Store.durableUrl("jdbc:h2:file:/x/db"));
        assertEquals("jdbc:h2:file:/x/db;MODE=Regular;WRITE_DELAY=0",
                H2Store.durableUrl("jdbc:h2:file:/x/db;write_delay=500;MODE=Regular"));
    }

    @Test
    void the_component_opens_the_default_url_under_karaf_data_and_closes_it_on_deactivation() {
        String before = System.getProperty("karaf.data");
        System.setProperty("karaf.data", dir.toString());
        try {
            H2ComplianceStore component = new H2ComplianceStore();
            component.activate(config(H2ComplianceStore.DEFAULT_URL));
            component.appendFacts(TestData.CONTRACT, List.of(TestData.fact("f1").build()), "alice");
            assertEquals(1, component.factCount(TestData.CONTRACT));
            component.deactivate();
            assertThrows(IllegalStateException.class, () -> component.factCount(TestData.CONTRACT));
            assertTrue(Files.isRegularFile(dir.resolve("lvyue/lvyue.mv.db")), "the database is in ${karaf.data}/lvyue");

            H2ComplianceStore again = new H2ComplianceStore();
            again.activate(config(H2ComplianceStore.DEFAULT_URL));
            assertEquals(1, again.factCount(TestData.CONTRACT));
            again.deactivate();
        } finally {
            if (before == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", before);
            }
        }
    }

    private static H2ComplianceStore.Config config(String url) {
        return new H2ComplianceStore.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return H2ComplianceStore.Config.class;
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public String user() {
                return "sa";
            }

            @Override
            public String password() {
                return "";
            }

            @Override
            public int maxConnections() {
                return 2;
            }

            @Override
            public String chainAlgorithm() {
                return "SHA-256";
            }
        };
    }
}
