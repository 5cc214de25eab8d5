package org.lvyue.demo;

import org.lvyue.api.audit.AuditEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes a demo year to a folder:
 * <pre>
 *   facts-0001.json ...      the facts, JSON arrays of at most 5,000 (POST each to /api/contracts/bj-hrss-2022/facts)
 *   certificates.zip         CA, server and user certificates (PEM), for POST .../certificates?name=certificates.zip
 *   crl.der                  the user CA's CRL
 *   trust-anchors/*.pem      the root CAs, for etc/pki/trust-anchors
 *   audit-events.ndjson      the audit log, one event a line
 *   approved-requests.txt    the approved permission requests, one id a line
 *   office-subnets.txt       the office subnets the users work from
 *   violations.md            the injected violations (Markdown table), and the records left out
 *   counts.json              what was written
 * </pre>
 * Usage: {@code DemoYearMain [--seed N] [--scale X] [--from yyyy-MM-dd] [--to yyyy-MM-dd] --out DIR}
 */
public final class DemoYearMain {
    static final int BATCH = 5_000;

    private DemoYearMain() {
    }

    public static void main(String[] args) throws IOException {
        DemoOptions standard = DemoOptions.standard();
        long seed = standard.seed();
        double scale = standard.scale();
        LocalDate from = standard.from();
        LocalDate to = standard.to();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(require(args[i], value));
                case "--scale" -> scale = Double.parseDouble(require(args[i], value));
                case "--from" -> from = LocalDate.parse(require(args[i], value));
                case "--to" -> to = LocalDate.parse(require(args[i], value));
                case "--out" -> out = Path.of(require(args[i], value));
                case "-h", "--help" -> {
                    System.out.println("usage: DemoYearMain [--seed N] [--scale X] [--from yyyy-MM-dd] [--to yyyy-MM-dd] --out DIR");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (see --help)");
            }
            i++;
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required (see --help)");
        }
        DemoData data = DemoYear.generate(new DemoOptions(seed, scale, from, to));
        System.out.printf("generated seed %d, scale %s, %s .. %s in %d ms (certificates, CRL and zip %d ms)%n", seed, scale, from, to,
                data.generationMillis(), data.certificateMillis());
        long t0 = System.nanoTime();
        Map<String, Integer> counts = write(data, out);
        System.out.printf("wrote %s in %d ms%n", out, (System.nanoTime() - t0) / 1_000_000);
        counts.forEach((k, v) -> System.out.printf("  %-36s %,d%n", k, v));
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** Writes every artefact of {@code data} into {@code dir} (created if needed); returns the counts. */
    public static Map<String, Integer> write(DemoData data, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("trust-anchors"));
        ObjectMapper json = new ObjectMapper();
        json.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        List<Map<String, Object>> facts = data.facts();
        int batches = 0;
        for (int from = 0; from < facts.size(); from += BATCH) {
            Path file = dir.resolve(String.format(java.util.Locale.ROOT, "facts-%04d.json", ++batches));
            try (OutputStream o = Files.newOutputStream(file)) {
                json.writeValue(o, facts.subList(from, Math.min(facts.size(), from + BATCH)));
            }
        }
        Files.write(dir.resolve("certificates.zip"), data.certificatesZip());
        Files.write(dir.resolve("crl.der"), data.crl());
        List<byte[]> anchors = data.trustAnchors();
        String[] names = {"sm2-user-ca.pem", "rsa-server-ca.pem"};
        for (int i = 0; i < anchors.size(); i++) {
            Files.write(dir.resolve("trust-anchors").resolve(i < names.length ? names[i] : "anchor-" + i + ".pem"), anchors.get(i));
        }
        int events = 0;
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("audit-events.ndjson"), StandardCharsets.UTF_8)) {
            for (Iterator<AuditEvent> it = data.auditEvents(); it.hasNext(); ) {
                AuditEvent e = it.next();
                Map<String, Object> m = DemoData.json(e);
                w.write(json.writeValueAsString(m));
                w.write('\n');
                events++;
            }
        }
        Files.write(dir.resolve("approved-requests.txt"), data.approvedRequests(), StandardCharsets.UTF_8);
        Files.write(dir.resolve("office-subnets.txt"), data.officeSubnets(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("violations.md"), violationsMarkdown(data), StandardCharsets.UTF_8);
        Map<String, Integer> counts = new LinkedHashMap<>(data.counts());
        counts.put("auditEvents", events);
        counts.put("factBatches", batches);
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("counts.json").toFile(), counts);
        return counts;
    }

    /** The injected violations as a Markdown table, then the records left out for them. */
    public static String violationsMarkdown(DemoData data) {
        StringBuilder sb = new StringBuilder();
        DemoOptions o = data.options();
        sb.append("# 演示年度注入的违约与异常\n\n");
        sb.append("种子 ").append(o.seed()).append("，规模 ").append(o.scale()).append("，").append(o.from()).append(" 至 ")
                .append(o.to()).append("。每一行是生成器有意放入的一处违约或异常，以及应当发现它的规则（DRL 规则名）或检查项（目录义务编号）。\n\n");
        sb.append("| 编号 | 日期 | 领域 | 条款 | 说明 | 预期规则 | 事实 |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (InjectedViolation v : data.violations()) {
            List<String> ids = new ArrayList<>(v.factIds());
            String shown = ids.size() > 6 ? String.join("<br>", ids.subList(0, 3)) + "<br>…（共 " + ids.size() + " 条）"
                    : String.join("<br>", ids);
            sb.append("| ").append(v.id()).append(" | ").append(v.date()).append(" | ").append(v.domain()).append(" | ")
                    .append(cell(v.clause())).append(" | ").append(cell(v.description())).append(" | ").append(cell(v.expectedRule()))
                    .append(" | ").append(shown.isEmpty() ? "（无：记录缺失）" : cell(shown)).append(" |\n");
        }
        if (!data.missing().isEmpty()) {
            sb.append("\n## 有意缺失的记录\n\n| 违约 | 事实类型 | subject | 期间 |\n|---|---|---|---|\n");
            for (MissingFact m : data.missing()) {
                sb.append("| ").append(m.violationId()).append(" | ").append(m.kind()).append(" | ").append(cell(m.subject()))
                        .append(" | ").append(m.period() == null ? "任何日期" : m.period()).append(" |\n");
            }
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
