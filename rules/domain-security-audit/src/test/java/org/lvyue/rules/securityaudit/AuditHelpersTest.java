package org.lvyue.rules.securityaudit;

import static java.time.LocalDate.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.Obligation;

/** The Java the audit rules call: login hours, known networks, bursts of failed logins, thresholds and lists. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AuditHelpersTest {
    private static final LocalDate DAY = parse("2022-06-01");

    private static Obligation check(Map<String, String> params) {
        return new Obligation("sa.x", "security-audit", "t", "c", Frequency.DAILY, 1, "audit.network", null, Severity.MEDIUM,
                null, Obligation.Category.BASELINE, null, null, params);
    }

    private static Fact network(String id, String cidr, String retiredOn) {
        Map<String, String> attrs = new HashMap<>(Map.of("title", "网段 " + id));
        if (retiredOn != null) {
            attrs.put("retiredOn", retiredOn);
        }
        return Fact.builder().id(id).contractId("c").domain("security-audit").kind("audit.network").subject(cidr)
                .date(parse("2022-01-01")).attributes(attrs).build();
    }

    private static AuditEvent failure(String id, String at) {
        return new AuditEvent(id, LocalDateTime.parse(at), "u1", "10.12.3.4", "login-failed", null, false, null, "社保");
    }

    /** {@code n} failures from {@code start}, {@code secondsApart} seconds apart. */
    private static List<AuditEvent> failures(String start, int n, int secondsApart) {
        List<AuditEvent> out = new ArrayList<>();
        LocalDateTime t = LocalDateTime.parse(start);
        for (int i = 0; i < n; i++) {
            out.add(failure(start + "#" + i, t.plusSeconds((long) i * secondsApart).toString()));
        }
        return out;
    }

    @Test
    void the_allowed_hours_include_their_start_and_exclude_their_end() {
        LoginHours h = LoginHours.of(check(Map.of("start", "07:00", "end", "20:00")));
        assertTrue(h.outside(LocalDateTime.parse("2022-06-01T06:59:59")));
        assertFalse(h.outside(LocalDateTime.parse("2022-06-01T07:00")));
        assertFalse(h.outside(LocalDateTime.parse("2022-06-01T19:59:59")));
        assertTrue(h.outside(LocalDateTime.parse("2022-06-01T20:00")));
        assertTrue(h.outside(LocalDateTime.parse("2022-06-01T00:00")));
        assertEquals("07:00–20:00", h.describe());
    }

    @Test
    void allowed_hours_whose_start_is_after_their_end_run_over_midnight() {
        LoginHours night = new LoginHours(LocalTime.of(22, 0), LocalTime.of(6, 0));
        assertFalse(night.outside(LocalDateTime.parse("2022-06-01T23:00")));
        assertFalse(night.outside(LocalDateTime.parse("2022-06-01T05:59")));
        assertTrue(night.outside(LocalDateTime.parse("2022-06-01T06:00")));
        assertTrue(night.outside(LocalDateTime.parse("2022-06-01T21:59")));
    }

    @Test
    void a_missing_or_malformed_threshold_names_the_check_and_the_parameter() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> LoginHours.of(check(Map.of("start", "07:00"))));
        assertTrue(missing.getMessage().contains("sa.x") && missing.getMessage().contains("end"), missing.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> AuditChecks.param(check(Map.of("count", "ten")), "count"));
        assertTrue(bad.getMessage().contains("count 'ten'"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LoginHours.of(check(Map.of("start", "7 点", "end", "20:00"))));
        assertEquals(10, AuditChecks.param(check(Map.of("count", " 10 ")), "count"));
    }

    @Test
    void an_address_inside_a_block_is_known_and_one_outside_is_not() {
        Networks n = Networks.of(List.of(network("n1", "10.12.0.0/16", null), network("n2", "192.168.1.7/32", null)));
        assertTrue(n.isConfigured());
        assertTrue(n.contains("10.12.3.4", DAY));
        assertTrue(n.contains("10.12.255.255", DAY));
        assertFalse(n.contains("10.13.0.1", DAY));
        assertFalse(n.contains("10.11.255.255", DAY));
        assertTrue(n.contains("192.168.1.7", DAY));
        assertFalse(n.contains("192.168.1.8", DAY));
        assertEquals("10.12.0.0/16（网段 n1）、192.168.1.7/32（网段 n2）", n.describe());
    }

    @Test
    void a_missing_or_unreadable_address_is_never_known() {
        Networks everything = Networks.of(List.of(network("n1", "0.0.0.0/0", null)));
        assertTrue(everything.contains("203.0.113.9", DAY));
        assertFalse(everything.contains(null, DAY));
        assertFalse(everything.contains("", DAY));
        assertFalse(everything.contains("10.12.3", DAY));
        assertFalse(everything.contains("10.12.3.256", DAY));
        assertFalse(everything.contains("10.12.3.4.5", DAY));
        assertFalse(everything.contains("fe80::1", DAY));
        assertFalse(everything.contains("host.example", DAY));
    }

    @Test
    void host_bits_are_masked_a_bare_address_is_a_single_host_and_malformed_blocks_are_listed_not_used() {
        Networks n = Networks.of(List.of(network("n1", "10.12.3.0/16", null), network("n2", "172.16.0.9", null),
                network("n3", "10.0.0.0/33", null), network("n4", "10.0.0/8", null), network("n5", "办公网", null)));
        assertTrue(n.contains("10.12.200.1", DAY));
        assertTrue(n.contains("172.16.0.9", DAY));
        assertFalse(n.contains("172.16.0.10", DAY));
        assertEquals(List.of("10.0.0.0/33", "10.0.0/8", "办公网"), n.invalid());
        assertFalse(Networks.of(List.of(network("n3", "10.0.0.0/33", null))).isConfigured());
        assertFalse(Networks.of(List.of()).isConfigured());
    }

    @Test
    void a_retired_block_is_known_through_its_retirement_day_and_the_block_sent_twice_is_one_network() {
        Networks n = Networks.of(List.of(network("n1", "10.12.0.0/16", null), network("n1-retired", "10.12.0.0/16", "2022-06-01")));
        assertEquals(1, n.networks().size());
        assertTrue(n.contains("10.12.3.4", parse("2022-06-01")));
        assertFalse(n.contains("10.12.3.4", parse("2022-06-02")));
    }

    @Test
    void picking_the_flagged_entries_of_a_list_agrees_with_testing_each_entry_alone() {
        Networks n = Networks.of(List.of(network("n1", "10.12.0.0/16", null), network("n1-retired", "10.12.0.0/16", "2022-06-01"),
                network("n2", "192.168.1.0/24", null)));
        LoginHours h = LoginHours.of(check(Map.of("start", "07:30", "end", "20:00")));
        String[] addresses = {"10.12.3.4", "192.168.1.20", "10.13.0.1", null, "", "10.12.3", " 192.168.1.5 "};
        List<AuditEvent> entries = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // two days around the retirement, every hour, each address
            LocalDateTime at = LocalDateTime.parse("2022-06-01T00:00").plusMinutes(i * 47L);
            entries.add(new AuditEvent("e" + i, at, "u" + i % 3, addresses[i % addresses.length], "login", null, false, null, null));
        }
        List<AuditEvent> unknown = entries.stream().filter(e -> !n.contains(e.address(), e.getDay())).toList();
        List<AuditEvent> outside = entries.stream().filter(e -> h.outside(e.at())).toList();
        assertEquals(unknown, n.unknownOf(entries));
        assertEquals(outside, h.outsideOf(entries));
        assertTrue(unknown.stream().anyMatch(e -> "10.12.3.4".equals(e.address())), "the retired block is unknown on the second day");
        assertFalse(outside.isEmpty() || outside.size() == entries.size());
        assertEquals(List.of(), n.unknownOf(List.of()));
    }

    @Test
    void ten_failures_within_five_minutes_are_a_burst_and_nine_are_not() {
        List<AuditEvent> ten = failures("2022-06-01T10:00:00", 10, 30);   // 10:00:00 .. 10:04:30
        Burst b = Burst.find(DAY, ten, List.of(), 10, 5).orElseThrow();
        assertEquals(10, b.largest());
        assertEquals(10, b.events().size());
        assertEquals(LocalDateTime.parse("2022-06-01T10:04:30"), b.reachedAt());
        assertEquals(Optional.empty(), Burst.find(DAY, ten.subList(0, 9), List.of(), 10, 5));
    }

    @Test
    void a_window_of_exactly_five_minutes_counts_and_one_of_five_minutes_and_a_second_does_not() {
        List<AuditEvent> exact = new ArrayList<>(failures("2022-06-01T10:00:00", 9, 30));   // .. 10:04:00
        exact.add(failure("last", "2022-06-01T10:05:00"));
        assertTrue(Burst.find(DAY, exact, List.of(), 10, 5).isPresent());
        List<AuditEvent> over = new ArrayList<>(failures("2022-06-01T10:00:00", 9, 30));
        over.add(failure("last", "2022-06-01T10:05:01"));
        assertTrue(Burst.find(DAY, over, List.of(), 10, 5).isEmpty());
        assertTrue(Burst.find(DAY, failures("2022-06-01T10:00:00", 10, 40), List.of(), 10, 5).isEmpty());   // over 6 minutes
    }

    @Test
    void a_burst_across_midnight_counts_on_the_day_it_reached_the_count_and_lists_that_days_failures() {
        List<AuditEvent> evening = failures("2022-05-31T23:58:00", 6, 15);   // 23:58:00 .. 23:59:15
        List<AuditEvent> night = failures("2022-06-01T00:00:00", 4, 15);     // 00:00:00 .. 00:00:45
        assertTrue(Burst.find(parse("2022-05-31"), evening, List.of(), 10, 5).isEmpty());
        Burst b = Burst.find(DAY, night, evening, 10, 5).orElseThrow();
        assertEquals(10, b.largest());
        assertEquals(LocalDateTime.parse("2022-05-31T23:58:00"), b.from());
        assertEquals(night, b.events());
        // failures of the evening before older than the window do not count
        List<AuditEvent> early = failures("2022-05-31T23:50:00", 6, 15);
        assertTrue(Burst.find(DAY, night, early, 10, 5).isEmpty());
    }

    @Test
    void two_bursts_in_one_day_are_one_burst_of_all_their_failures_and_the_largest_window() {
        List<AuditEvent> day = new ArrayList<>(failures("2022-06-01T09:00:00", 12, 20));
        day.addAll(failures("2022-06-01T15:00:00", 15, 10));
        day.add(failure("lone", "2022-06-01T12:00:00"));
        Burst b = Burst.find(DAY, day, List.of(), 10, 5).orElseThrow();
        assertEquals(27, b.events().size());
        assertEquals(15, b.largest());
        assertEquals(LocalDateTime.parse("2022-06-01T15:00:00"), b.from());
        assertEquals(LocalDateTime.parse("2022-06-01T09:03:00"), b.reachedAt());
        assertFalse(b.events().stream().anyMatch(e -> e.id().equals("lone")));
    }

    @Test
    void lists_are_chronological_and_capped_at_twenty_with_the_total_stated() {
        List<AuditEvent> thirty = new ArrayList<>(failures("2022-06-01T10:00:00", 30, 1));
        java.util.Collections.reverse(thirty);
        List<AuditEvent> sorted = AuditChecks.chronological(thirty);
        assertEquals("2022-06-01T10:00:00#0", sorted.get(0).id());
        assertEquals(20, AuditChecks.ids(sorted).size());
        assertEquals("共 30 条，证据列出前 20 条审计记录编号。", AuditChecks.listed(sorted));
        assertEquals("共 3 条审计记录。", AuditChecks.listed(sorted.subList(0, 3)));
        assertTrue(AuditChecks.times(sorted).endsWith("10:00:19……"), AuditChecks.times(sorted));
        assertEquals("10:00:00 10.12.3.4（失败）", AuditChecks.logins(sorted.subList(0, 1)));
        assertEquals(parse("2022-05-31"), AuditGroup.of("sa.x", "u1", DAY).previousDay());
        assertEquals(AuditGroup.of("sa.x", "u1", DAY), new AuditGroup("sa.x", "u1", DAY, null));
    }
}
