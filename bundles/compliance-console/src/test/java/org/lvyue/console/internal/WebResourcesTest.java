package org.lvyue.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebResourcesTest {
    @Test
    void theRootIsTheIndexPage() {
        assertEquals(Optional.of("index.html"), WebResources.fileOf("/"));
        assertEquals(Optional.of("index.html"), WebResources.fileOf(""));
    }

    @Test
    void plainFileNamesBelowTheConsoleAreFound() {
        assertEquals(Optional.of("js/pages/findings.js"), WebResources.fileOf("/js/pages/findings.js"));
        assertEquals(Optional.of("vendor/echarts/echarts.min.js"), WebResources.fileOf("/vendor/echarts/echarts.min.js"));
        assertEquals(Optional.of("vendor/echarts/LICENSE"), WebResources.fileOf("/vendor/echarts/LICENSE"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../OSGI-INF/x.xml", "/js/../../META-INF/MANIFEST.MF", "/%2e%2e/x.js", "/.hidden.js", "/js//main.js",
            "/js\\main.js", "/js/", "/js", "relative.js", "/a b.js", "/META-INF/../x", "/js/./main.js"})
    void refusesAnythingButAPlainFileName(String path) {
        assertTrue(WebResources.fileOf(path).isEmpty(), path);
    }

    @Test
    void eachKindOfFileHasItsContentType() {
        assertEquals("text/html;charset=UTF-8", WebResources.contentType("index.html"));
        assertEquals("text/javascript;charset=UTF-8", WebResources.contentType("js/main.js"));
        assertEquals("text/css;charset=UTF-8", WebResources.contentType("css/console.css"));
        assertEquals("application/json;charset=UTF-8", WebResources.contentType("i18n/zh-CN.json"));
        assertEquals("image/svg+xml", WebResources.contentType("favicon.svg"));
        assertEquals("text/plain;charset=UTF-8", WebResources.contentType("vendor/echarts/NOTICE"));
        assertEquals("application/octet-stream", WebResources.contentType("x.bin"));
    }
}
