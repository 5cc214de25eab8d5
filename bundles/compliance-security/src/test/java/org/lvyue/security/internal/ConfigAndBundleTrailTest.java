package org.lvyue.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConfigAndBundleTrailTest {

    @Test
    void a_configuration_change_names_the_keys_that_changed_never_their_values_and_an_unchanged_update_names_none() {
        Map<String, String> before = Map.of("profile", "demo", "hashIterations", "600000", "felix.fileinstall.filename", "a");
        assertEquals("", ConfigAndBundleTrail.changedKeys(before, before), "Karaf's update at start changes nothing");
        assertEquals("profile, requireHttps", ConfigAndBundleTrail.changedKeys(before,
                Map.of("profile", "production", "hashIterations", "600000", "requireHttps", "true", "felix.fileinstall.filename", "b")));
        assertEquals("hashIterations", ConfigAndBundleTrail.changedKeys(before, Map.of("profile", "demo")
                .entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))),
                "a key removed is a change (the file watcher's own key aside)");
        assertEquals("a, b", ConfigAndBundleTrail.changedKeys(null, Map.of("a", "1", "b", "secret", "service.pid", "x")),
                "a new configuration names its keys");
    }
}
