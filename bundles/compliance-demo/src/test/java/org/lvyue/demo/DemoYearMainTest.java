package org.lvyue.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DemoYearMainTest {

    @Test
    void the_command_line_writes_every_artefact_with_fact_batches_of_at_most_5000(@TempDir Path dir) throws Exception {
        DemoYearMain.main(new String[]{"--seed", "42", "--scale", "0.02", "--out", dir.toString()});
        ObjectMapper json = new ObjectMapper();
        List<Path> batches;
        try (Stream<Path> files = Files.list(dir)) {
            batches = files.filter(p -> p.getFileName().toString().matches("facts-\\d{4}\\.json")).sorted().toList();
        }
        DemoData same = DemoYear.generate(new DemoOptions(42, 0.02, LocalDate.of(2022, 1, 1), LocalDate.of(2023, 2, 28)));
        int total = 0;
        for (Path b : batches) {
            JsonNode array = json.readTree(b.toFile());
            assertTrue(array.isArray() && array.size() <= 5_000 && array.size() > 0);
            total += array.size();
        }
        assertEquals(same.facts().size(), total);
        for (String f : List.of("certificates.zip", "crl.der", "trust-anchors/sm2-user-ca.pem", "trust-anchors/rsa-server-ca.pem",
                "audit-events.ndjson", "approved-requests.txt", "office-subnets.txt", "violations.md", "counts.json")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        String md = Files.readString(dir.resolve("violations.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("| 编号 | 日期 | 领域 | 条款 | 说明 | 预期规则 | 事实 |"));
        assertEquals(same.violations().size(), md.lines().filter(l -> l.matches("\\| V\\d{2} \\| \\d{4}.*")).count());
        long lines;
        try (Stream<String> l = Files.lines(dir.resolve("audit-events.ndjson"))) {
            lines = l.count();
        }
        assertEquals(same.counts().get("auditEvents").longValue(), lines);
        JsonNode first = json.readTree(Files.lines(dir.resolve("audit-events.ndjson")).findFirst().orElseThrow());
        assertTrue(first.has("id") && first.has("at") && first.has("requestId") && first.has("classified"));
    }
}
