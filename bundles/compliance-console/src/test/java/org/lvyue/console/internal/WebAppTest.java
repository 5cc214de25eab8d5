package org.lvyue.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/**
 * Static checks of the console's sources that a browser would only show one page at a time: both
 * languages say everything, every text the scripts ask for exists, every module import resolves to
 * something its module exports, and nothing is loaded from outside the distribution.
 */
class WebAppTest {
    private static final Path WEB = Path.of("src/main/resources", WebResources.ROOT);
    private static final Pattern T_CALL = Pattern.compile("\\bt\\('([^']+)'");
    private static final Pattern NAV_KEY = Pattern.compile("key: '([^']+)'");
    private static final Pattern IMPORT = Pattern.compile("import\\s+(\\{[^}]*\\}|\\*\\s+as\\s+\\w+)\\s+from\\s+'([^']+)'");
    private static final Pattern EXPORT = Pattern.compile("export\\s+(?:async\\s+)?(?:function|const|let|class)\\s+(\\w+)");

    private static Map<String, String> dictionary(String lang) throws IOException {
        return new ObjectMapper().readValue(WEB.resolve("i18n/" + lang + ".json").toFile(), new TypeReference<TreeMap<String, String>>() {
        });
    }

    private static List<Path> files(String... extensions) throws IOException {
        try (Stream<Path> s = Files.walk(WEB)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.startsWith(WEB.resolve("vendor")))
                    .filter(p -> Stream.of(extensions).anyMatch(e -> p.toString().endsWith(e))).sorted().toList();
        }
    }

    @Test
    void chineseAndEnglishHaveTheSameTextsAndNoneIsEmpty() throws IOException {
        Map<String, String> zh = dictionary("zh-CN");
        Map<String, String> en = dictionary("en");
        assertEquals(zh.keySet(), en.keySet());
        zh.forEach((k, v) -> assertFalse(v.isBlank(), "zh-CN " + k));
        en.forEach((k, v) -> assertFalse(v.isBlank(), "en " + k));
        // every placeholder of a text is in its translation
        Pattern placeholder = Pattern.compile("\\{\\w+\\}");
        for (String key : zh.keySet()) {
            assertEquals(placeholders(placeholder, zh.get(key)), placeholders(placeholder, en.get(key)), key);
        }
    }

    private static Set<String> placeholders(Pattern p, String text) {
        Set<String> s = new TreeSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            s.add(m.group());
        }
        return s;
    }

    @Test
    void everyTextTheScriptsAskForIsInTheDictionary() throws IOException {
        Set<String> keys = dictionary("zh-CN").keySet();
        Set<String> missing = new TreeSet<>();
        for (Path js : files(".js")) {
            String source = Files.readString(js, StandardCharsets.UTF_8);
            for (Pattern p : List.of(T_CALL, NAV_KEY)) {
                Matcher m = p.matcher(source);
                while (m.find()) {
                    if (!keys.contains(m.group(1))) {
                        missing.add(WEB.relativize(js) + ": " + m.group(1));
                    }
                }
            }
        }
        assertEquals(Set.of(), missing);
        // texts looked up by value: languages, roles, severities, statuses, domain states, sheet formats
        for (String k : List.of("lang.zh-CN", "lang.en", "role.admin", "role.engineer", "role.evaluator", "role.collector",
                "severity.CRITICAL", "severity.INFO", "status.OPEN", "status.WAIVED", "status.RESOLVED", "state.ACTIVE",
                "state.REFUSED", "state.STOPPED", "state.STUCK", "format.inspection", "format.support", "format.attendance")) {
            assertTrue(keys.contains(k), k);
        }
    }

    @Test
    void everyModuleImportResolvesToSomethingItsModuleExports() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path js : files(".js")) {
            Matcher m = IMPORT.matcher(Files.readString(js, StandardCharsets.UTF_8));
            while (m.find()) {
                Path target = js.getParent().resolve(m.group(2)).normalize();
                if (!Files.isRegularFile(target)) {
                    broken.add(WEB.relativize(js) + " imports missing " + m.group(2));
                    continue;
                }
                if (m.group(1).startsWith("{")) {
                    Set<String> exported = new TreeSet<>();
                    Matcher e = EXPORT.matcher(Files.readString(target, StandardCharsets.UTF_8));
                    while (e.find()) {
                        exported.add(e.group(1));
                    }
                    for (String name : m.group(1).replaceAll("[{}]", "").split(",")) {
                        String imported = name.trim().split("\\s+as\\s+")[0];
                        if (!imported.isEmpty() && !exported.contains(imported)) {
                            broken.add(WEB.relativize(js) + " imports " + imported + " that " + m.group(2) + " does not export");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void nothingIsLoadedFromOutsideTheDistribution() throws IOException {
        Pattern url = Pattern.compile("(?:https?:)?//[a-z0-9.-]+\\.[a-z]{2,}", Pattern.CASE_INSENSITIVE);
        List<String> external = new ArrayList<>();
        for (Path f : files(".html", ".js", ".css", ".svg")) {
            Matcher m = url.matcher(Files.readString(f, StandardCharsets.UTF_8));
            while (m.find()) {
                // an SVG's namespace is a name, never fetched
                if (!m.group().equals("http://www.w3.org")) {
                    external.add(WEB.relativize(f) + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), external);
        String index = Files.readString(WEB.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(index.contains("src=\"vendor/echarts/echarts.min.js\""), "the chart library comes from the console itself");
    }
}
