package org.lvyue.engine.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Party;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;

/**
 * Small domain bundles written in the tests themselves: a catalogue with one fact kind
 * ({@code <domain>.record}) and one yearly obligation ({@code <domain>.yearly}), and DRL made of
 * the two rule templates below, each rule named after the revision that carries it so a finding
 * tells which rule set produced it.
 */
public final class TestDomains {
    static final Contract CONTRACT = new Contract("c-2022", 1, "测试合同", "", "", new Party("甲方", "甲", null),
            new Party("乙方", "乙", null), new BigDecimal("1000.00"), LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31),
            LocalDate.of(2021, 12, 20));

    static final LocalDate AS_OF = LocalDate.of(2023, 1, 10);

    static final String IMPORTS = """
            import org.lvyue.api.contract.Contract;
            import org.lvyue.api.engine.ReportingPeriod;
            import org.lvyue.api.fact.Fact;
            import org.lvyue.api.finding.Finding;
            import org.lvyue.api.finding.Severity;
            import org.lvyue.api.spi.Frequency;
            import org.lvyue.api.spi.Obligation;
            """;

    private TestDomains() {
    }

    /** The package line and imports every test DRL starts with. */
    public static String header(String domainId) {
        return "package test." + domainId.replace('-', '_') + ";\n\n" + IMPORTS + "\n";
    }

    /** A DRL file of the domain with the given rules. */
    public static String drl(String domainId, String... rules) {
        return header(domainId) + String.join("\n", rules);
    }

    /** "No record of the domain in a year": one finding per year without a {@code <domain>.record} fact. */
    public static String missingRule(String domainId, String label) {
        return """
                rule "%2$s: year without a record"
                when
                    $c : Contract()
                    $o : Obligation(domain == "%1$s")
                    $y : ReportingPeriod(frequency == Frequency.YEARLY)
                    not Fact(kind == $o.evidenceKind(), $y.contains(date))
                then
                    insertLogical(Finding.builder().contractId($c.id()).domain($o.domain()).obligation($o.id())
                        .rule(drools.getRule().getName()).clause($o.clause()).severity($o.severity())
                        .period($y.start(), $y.end(), $y.label()).title("%2$s " + $y.label() + " 无记录").build());
                end
                """.formatted(domainId, label);
    }

    /** One finding per fact of the domain, keyed by the fact's id and status, so a fact's content shows. */
    static String perFactRule(String domainId, String label) {
        return perFactRule(domainId, label, "");
    }

    /** The same, its consequence starting with {@code firstAction} (a statement, e.g. a call to a test's gate). */
    static String perFactRule(String domainId, String label, String firstAction) {
        return """
                rule "%2$s: each record"
                when
                    $c : Contract()
                    $y : ReportingPeriod(frequency == Frequency.YEARLY)
                    $f : Fact(domain == "%1$s", $y.contains(date))
                then
                    %3$s
                    insertLogical(Finding.builder().contractId($c.id()).domain("%1$s")
                        .rule(drools.getRule().getName()).clause("测试").severity(Severity.INFO)
                        .period($y.start(), $y.end(), $y.label()).discriminator($f.getId() + "=" + $f.getStatus())
                        .title("%2$s " + $f.getId() + " " + $f.getStatus()).facts($f.getId()).build());
                end
                """.formatted(domainId, label, firstAction);
    }

    public static byte[] catalogue(String domainId) {
        return """
                {
                  "domain": "%1$s",
                  "title": "测试领域 %1$s",
                  "clause": "附件 %1$s",
                  "factKinds": [ { "name": "%1$s.record", "title": "记录" } ],
                  "obligations": [
                    { "id": "%1$s.yearly", "title": "每年一次", "clause": "附件 %1$s", "frequency": "YEARLY",
                      "evidenceKind": "%1$s.record", "severity": "HIGH" }
                  ]
                }
                """.formatted(domainId).getBytes(UTF_8);
    }

    /** A domain bundle with one DRL file {@code rules/<domain>.drl} and the standard catalogue. */
    public static DomainSource domain(long bundleId, String symbolicName, String version, String domainId, String drl) {
        return domain(bundleId, symbolicName, version, domainId, Map.of("rules/" + domainId + ".drl", drl),
                catalogue(domainId));
    }

    public static DomainSource domain(long bundleId, String symbolicName, String version, String domainId,
                               Map<String, String> drlFiles, byte[] catalogue) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        drlFiles.forEach((path, text) -> bytes.put(path, text.getBytes(UTF_8)));
        return new DomainSource(bundleId, symbolicName, version, domainId, bytes, catalogue, "catalogue.json",
                TestDomains.class.getClassLoader());
    }

    /** A working domain whose rules are labelled {@code label}: a missing-record rule and a per-record rule. */
    static DomainSource working(long bundleId, String symbolicName, String version, String domainId, String label) {
        return domain(bundleId, symbolicName, version, domainId,
                drl(domainId, missingRule(domainId, label), perFactRule(domainId, label)));
    }

    static Fact record(String id, String domainId, String date, String status) {
        return Fact.builder().id(id).contractId(CONTRACT.id()).domain(domainId).kind(domainId + ".record")
                .date(LocalDate.parse(date)).status(status).source("test").build();
    }

    static List<String> keys(Evaluation e) {
        return keys(e.findings());
    }

    static List<String> keys(List<Finding> findings) {
        return findings.stream().map(Finding::getKey).toList();
    }

    static List<String> ruleNames(Evaluation e) {
        return e.findings().stream().map(Finding::getRuleName).distinct().sorted().toList();
    }

    /** The 1-based line of the first line of {@code text} that contains {@code snippet}. */
    static int lineOf(String text, String snippet) {
        int at = text.indexOf(snippet);
        if (at < 0) {
            throw new IllegalArgumentException("not in the text: " + snippet);
        }
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
