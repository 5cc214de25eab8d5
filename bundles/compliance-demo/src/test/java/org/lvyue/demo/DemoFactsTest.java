package org.lvyue.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.PeriodLabels;

/** The facts of the standard demo year as intake sees them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DemoFactsTest {

    @Test
    void every_generated_fact_passes_the_real_intake_validator_in_batches_of_5000() {
        DemoData data = DemoFixture.standard();
        List<Fact> facts = DemoFixture.validated(data); // throws, naming every problem, if any fact is refused
        assertEquals(data.facts().size(), facts.size());
        assertTrue(facts.size() > 60_000, "a year of records: " + facts.size());
    }

    @Test
    void the_facts_compliance_pki_makes_of_the_certificates_crl_and_anchors_pass_the_validator_too() {
        List<Map<String, Object>> pki = DemoFixture.pkiFacts(DemoFixture.standard());
        assertEquals(pki.size(), DemoFixture.validate(pki).size());
    }

    @Test
    void fact_ids_are_unique_and_the_facts_are_sorted_by_date_then_id() {
        List<Map<String, Object>> facts = DemoFixture.standard().facts();
        Set<String> ids = new HashSet<>();
        String previous = "";
        for (Map<String, Object> f : facts) {
            assertTrue(ids.add((String) f.get("id")), "duplicate id " + f.get("id"));
            String key = f.get("date") + "\u0000" + f.get("id");
            assertTrue(previous.compareTo(key) < 0, "out of order at " + f.get("id"));
            previous = key;
        }
    }

    @Test
    void facts_use_the_ingest_json_shape_with_string_amounts_times_to_the_second_and_string_attributes() {
        for (Map<String, Object> f : DemoFixture.standard().facts()) {
            for (String field : f.keySet()) {
                assertTrue(Set.of("id", "kind", "subject", "date", "time", "status", "amount", "attributes").contains(field), field);
            }
            assertTrue(((String) f.get("date")).matches("\\d{4}-\\d{2}-\\d{2}"));
            if (f.containsKey("time")) {
                assertTrue(((String) f.get("time")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}"), (String) f.get("time"));
            }
            if (f.containsKey("amount")) {
                assertTrue(((String) f.get("amount")).matches("\\d+\\.\\d{2}"));
            }
            if (f.containsKey("attributes")) {
                ((Map<?, ?>) f.get("attributes")).values().forEach(v -> assertTrue(v instanceof String));
            }
        }
    }

    @Test
    void nothing_is_dated_after_the_last_day_and_only_registers_date_before_the_first() {
        DemoData data = DemoFixture.standard();
        Set<String> before = new TreeSet<>();
        for (Map<String, Object> f : data.facts()) {
            LocalDate d = LocalDate.parse((String) f.get("date"));
            assertFalse(d.isAfter(data.options().to()), f.get("id") + " after the last day");
            if (d.isBefore(data.options().from())) {
                before.add((String) f.get("kind"));
            }
        }
        // keys generated, and the interface certificate bound to its system, before the year began
        assertEquals(Set.of("key.record", "key.system", "pki.binding"), before);
    }

    @Test
    void every_daily_check_of_every_catalogue_is_recorded_on_every_working_day_but_the_injected_misses() {
        DemoData data = DemoFixture.standard();
        Catalogues cat = Catalogues.load();
        Set<String> have = new HashSet<>();
        for (Map<String, Object> f : data.facts()) {
            have.add(f.get("kind") + "|" + f.get("subject") + "|" + f.get("date"));
        }
        Set<String> missed = new HashSet<>();
        data.missing().forEach(m -> missed.add(m.kind() + "|" + m.subject() + "|" + m.period()));
        org.lvyue.api.calendar.WorkingCalendar calendar = org.lvyue.api.calendar.WorkingCalendar.china();
        List<String> absent = new ArrayList<>();
        for (Catalogues.Duty d : cat.duties()) {
            if (!d.frequency().equals("DAILY") || !(d.is("CHECK") || d.is("TASK"))) {
                continue;
            }
            for (LocalDate day = data.options().from(); !day.isAfter(data.options().to()); day = day.plusDays(1)) {
                String key = d.evidenceKind() + "|" + d.evidenceSubject() + "|" + day;
                if (calendar.isWorkingDay(day) && !have.contains(key) && !missed.contains(key)) {
                    absent.add(key);
                }
            }
        }
        assertEquals(List.of(), absent);
        assertEquals(3, data.violations().stream().filter(v -> v.expectedRule().equals("附件三 每日检查：当月未执行的日子")).count());
    }

    @Test
    void every_weekly_monthly_quarterly_and_yearly_duty_is_done_in_each_of_its_whole_periods() {
        DemoData data = DemoFixture.standard();
        Set<String> have = new HashSet<>();
        for (Map<String, Object> f : data.facts()) {
            LocalDate d = LocalDate.parse((String) f.get("date"));
            for (Frequency fr : List.of(Frequency.WEEKLY, Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.YEARLY)) {
                have.add(f.get("kind") + "|" + f.get("subject") + "|" + PeriodLabels.of(fr, d));
            }
        }
        List<String> absent = new ArrayList<>();
        for (Catalogues.Duty d : Catalogues.load().duties()) {
            if (!(d.is("CHECK") || d.is("TASK")) || d.frequency().equals("DAILY") || !d.periodic()) {
                continue;
            }
            Frequency fr = Frequency.valueOf(d.frequency());
            Set<String> labels = new TreeSet<>(); // the periods of 2022 with a working day (the engine's rule skips the others)
            org.lvyue.api.calendar.WorkingCalendar calendar = org.lvyue.api.calendar.WorkingCalendar.china();
            for (LocalDate day = LocalDate.of(2022, 1, 1); !day.isAfter(LocalDate.of(2022, 12, 31)); day = day.plusDays(1)) {
                if (calendar.isWorkingDay(day)) {
                    labels.add(PeriodLabels.of(fr, day));
                }
            }
            for (String label : labels) {
                if (!have.contains(d.evidenceKind() + "|" + d.evidenceSubject() + "|" + label)) {
                    absent.add(d.id() + " " + label);
                }
            }
        }
        assertEquals(List.of(), absent);
    }

    /**
     * The per-event duties the standard rules hold (附件三 x.x.2 需求分析 and x.x.4 系统配置, the drill's plan revision,
     * 附件二 6's event reports, the people added for each declared special period) arise in the year, so the demo
     * shows them met, not only rules with nothing to do; each event is answered by a record naming it.
     */
    @Test
    void every_per_event_duty_arises_in_the_year_and_each_of_its_events_is_answered_by_a_record_naming_it() {
        DemoData data = DemoFixture.standard();
        List<String> unexercised = new ArrayList<>();
        for (Catalogues.Duty d : Catalogues.load().duties()) {
            boolean anchored = (d.is("DELIVERABLE") || d.is("CHECK")) && !d.periodic() && d.anchorKind() != null;
            boolean staffed = d.is("ROLE") && "special-period".equals(d.trigger());
            if (!anchored && !staffed) {
                continue;
            }
            String anchorKind = anchored ? d.anchorKind() : "special-period";
            List<Map<String, Object>> events = data.facts().stream().filter(f -> anchorKind.equals(f.get("kind"))
                    && (!anchored || d.anchorSubject() == null || d.anchorSubject().equals(f.get("subject")))).toList();
            if (events.isEmpty()) {
                unexercised.add(d.id() + ": no " + anchorKind + " in the year");
            }
            for (Map<String, Object> e : events) {
                boolean answered = data.facts().stream().anyMatch(f -> d.evidenceKind().equals(f.get("kind"))
                        && d.evidenceSubject().equals(f.get("subject")) && f.get("attributes") instanceof Map<?, ?> a
                        && e.get("id").equals(a.get("event")));
                if (!answered) {
                    unexercised.add(d.id() + ": " + e.get("id") + " unanswered");
                }
            }
        }
        assertEquals(List.of(), unexercised);
    }

    @Test
    void the_catalogues_copied_into_the_bundle_are_those_of_every_rules_module() throws IOException {
        Path rules = Path.of("../../rules");
        List<String> modules = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(rules)) {
            dirs.filter(p -> Files.exists(p.resolve("src/main/resources/catalogue.json"))).forEach(p -> modules.add(p.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(modules), new TreeSet<>(Catalogues.MODULES), "Catalogues.MODULES must list every rules module");
        assertEquals(Catalogues.MODULES.size(), Catalogues.load().domains().size());
    }
}
