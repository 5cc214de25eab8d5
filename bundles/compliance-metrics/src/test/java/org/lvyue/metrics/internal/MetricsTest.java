package org.lvyue.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Party;
import org.lvyue.api.engine.MemoryFigures;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.metrics.Figure;
import org.lvyue.api.metrics.IntakeListener;
import org.lvyue.api.metrics.ReportListener;
import org.lvyue.testing.FakeContracts;
import org.lvyue.testing.FakeEngine;
import org.lvyue.testing.FakeFindings;

/** The exposition as Prometheus reads it: what the modules told and what the services hold, family by family. */
class MetricsTest {
    private static final Contract DEMO = new Contract("bj-hrss-2022", 1, "安全应用维护服务", "", "",
            new Party("甲方", "甲", null, "bj-hrss"), new Party("乙方", "乙", null, "gxbf"), new BigDecimal("100.00"),
            LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31), LocalDate.of(2022, 1, 1), List.of(), List.of(), null,
            List.of());

    private final FakeEngine engine = new FakeEngine();
    private final FakeContracts contracts = new FakeContracts(LocalDate.of(2023, 3, 1), DEMO);
    private final FakeFindings findings = new FakeFindings(contracts);
    private final Metrics metrics = new Metrics();
    private final java.util.List<org.lvyue.api.metrics.Figures> figures = new java.util.ArrayList<>();

    MetricsTest() {
        engine.ruleSetVersion = 15;
        engine.memory = new MemoryFigures(1L << 30, Duration.ofMinutes(30), 2, 300L << 20, 1, 5, 3, 1200, 2500, 4500, 1, 2);
        metrics.register(new States(engine, contracts, findings, () -> figures));
    }

    private Map<String, Double> scrape() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.write(out);
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    private static Finding finding(String rule, Severity severity) {
        return Finding.builder().contractId(DEMO.id()).domain("support").rule(rule).clause("附件二 6").severity(severity)
                .title(rule).period(LocalDate.of(2022, 5, 1), LocalDate.of(2022, 5, 31), "2022-05").build();
    }

    @Test
    void ingested_batches_are_counted_per_contract_and_kind_with_their_latency_in_a_histogram() throws Exception {
        metrics.ingested(DEMO.id(), IntakeListener.FACTS, 40, Duration.ofMillis(30));
        metrics.ingested(DEMO.id(), IntakeListener.FACTS, 2, Duration.ofMillis(700));
        metrics.ingested(DEMO.id(), IntakeListener.AUDIT, 1000, Duration.ofMillis(80));

        Map<String, Double> s = scrape();
        assertEquals(2.0, s.get("lvyue_ingested_batches_total{contract=\"bj-hrss-2022\",kind=\"facts\"}"));
        assertEquals(42.0, s.get("lvyue_ingested_records_total{contract=\"bj-hrss-2022\",kind=\"facts\"}"));
        assertEquals(1000.0, s.get("lvyue_ingested_records_total{contract=\"bj-hrss-2022\",kind=\"audit\"}"));
        assertEquals(1.0, s.get("lvyue_ingest_duration_seconds_bucket{kind=\"facts\",le=\"0.05\"}"));
        assertEquals(2.0, s.get("lvyue_ingest_duration_seconds_bucket{kind=\"facts\",le=\"1.0\"}"));
        assertEquals(0.73, s.get("lvyue_ingest_duration_seconds_sum{kind=\"facts\"}"), 1e-9);
    }

    @Test
    void evaluations_swaps_refusals_and_reports_are_the_families_operators_alert_on() throws Exception {
        metrics.evaluated(DEMO.id(), Duration.ofMillis(1500));
        metrics.ruleSetSwapped(15, Duration.ofMillis(800));
        metrics.refused(429, "QUEUE_FULL");
        metrics.refused(429, "QUEUE_FULL");
        metrics.rendered("quarterly", ReportListener.RENDERED, Duration.ofSeconds(3));
        metrics.rendered("quarterly", ReportListener.REUSED, Duration.ZERO);

        Map<String, Double> s = scrape();
        assertEquals(1.0, s.get("lvyue_evaluation_duration_seconds_count{contract=\"bj-hrss-2022\"}"));
        assertEquals(1.0, s.get("lvyue_evaluation_duration_seconds_bucket{contract=\"bj-hrss-2022\",le=\"2.5\"}"));
        assertEquals(0.0, s.get("lvyue_evaluation_duration_seconds_bucket{contract=\"bj-hrss-2022\",le=\"1.0\"}"));
        assertEquals(15.0, s.get("lvyue_rule_set_version"));
        assertEquals(1.0, s.get("lvyue_rule_set_swap_duration_seconds_bucket{le=\"1.0\"}"));
        assertTrue(s.get("lvyue_rule_set_last_swap_timestamp_seconds") > 1.7e9);
        assertEquals(2.0, s.get("lvyue_refusals_total{reason=\"QUEUE_FULL\",status=\"429\"}"));
        // a reason not seen yet is there at zero, so that a rate() has its series from the start
        assertEquals(0.0, s.get("lvyue_refusals_total{reason=\"NO_CAPACITY\",status=\"503\"}"));
        assertEquals(1.0, s.get("lvyue_report_renders_total{outcome=\"rendered\",report=\"quarterly\"}"));
        assertEquals(1.0, s.get("lvyue_report_renders_total{outcome=\"reused\",report=\"quarterly\"}"));
        assertEquals(1.0, s.get("lvyue_report_render_duration_seconds_count{report=\"quarterly\"}"));
    }

    @Test
    void working_memories_heap_and_open_findings_by_severity_are_read_at_each_scrape() throws Exception {
        Instant t = Instant.parse("2023-03-01T00:00:00Z");
        findings.record(new FindingRecord(finding("a", Severity.HIGH), FindingStatus.OPEN, t, t, null, null, null));
        findings.record(new FindingRecord(finding("b", Severity.HIGH), FindingStatus.OPEN, t, t, null, null, null));
        findings.record(new FindingRecord(finding("c", Severity.LOW), FindingStatus.WAIVED, t, t, null, null, null));

        Map<String, Double> s = scrape();
        assertEquals(2.0, s.get("lvyue_working_memories"));
        assertEquals(1.0, s.get("lvyue_working_memories_in_use"));
        assertEquals((double) (300L << 20), s.get("lvyue_working_memory_bytes"));
        assertEquals(3.0, s.get("lvyue_working_memory_rebuilds_total"));
        assertEquals(4.5, s.get("lvyue_working_memory_rebuild_seconds_total"));
        assertEquals(2.0, s.get("lvyue_working_memory_releases_total{cause=\"budget\"}"));
        assertTrue(s.get("jvm_memory_used_bytes{area=\"heap\"}") > 0);
        assertEquals(2.0, s.get("lvyue_findings_open{contract=\"bj-hrss-2022\",severity=\"HIGH\"}"));
        assertEquals(0.0, s.get("lvyue_findings_open{contract=\"bj-hrss-2022\",severity=\"LOW\"}"), "waived is not open");
        assertEquals(0.0, s.get("lvyue_findings_open{contract=\"bj-hrss-2022\",severity=\"CRITICAL\"}"));
    }

    @Test
    void a_module_adds_its_own_families_through_figures_and_a_bad_source_costs_only_its_own() throws Exception {
        figures.add(() -> List.of(
                Figure.gauge("lvyue_outbox_messages", "Messages waiting in the outbox", Map.of("channel", "mail"), 3),
                Figure.counter("lvyue_outbox_failures", "Deliveries that failed", Map.of("channel", "webhook"), 7)));
        figures.add(() -> {
            throw new IllegalStateException("broken");
        });
        // a name the product's own families hold already is not taken over
        figures.add(() -> List.of(Figure.gauge("lvyue_working_memories", "x", Map.of(), 99)));

        Map<String, Double> s = scrape();
        assertEquals(3.0, s.get("lvyue_outbox_messages{channel=\"mail\"}"));
        assertEquals(7.0, s.get("lvyue_outbox_failures_total{channel=\"webhook\"}"));
        assertEquals(2.0, s.get("lvyue_working_memories"));
        assertFalse(s.containsKey("lvyue_working_memories{}"));
    }
}
