package org.lvyue.demo;

import org.lvyue.api.audit.AuditEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The audit log: its size, its order, and each injected anomaly found by a plain detector exactly as listed (so
 * normal traffic never looks like one).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DemoAuditLogTest {

    @Test
    void the_log_is_in_time_order_with_unique_ids_and_valid_fields_and_reads_the_same_twice() {
        DemoData data = DemoFixture.standard();
        LocalDateTime previous = LocalDateTime.MIN;
        Set<String> users = new HashSet<>();
        int n = 0;
        String lastId = "";
        for (Iterator<AuditEvent> it = data.auditEvents(); it.hasNext(); ) {
            AuditEvent e = it.next();
            assertFalse(e.at().isBefore(previous), e.id() + " out of order");
            assertTrue(e.id().compareTo(lastId) > 0, e.id() + " after " + lastId);
            assertTrue(AuditEvent.ACTIONS.contains(e.action()), e.action());
            assertTrue(e.address().matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}"), e.address());
            assertTrue(e.requestId() == null || e.action().equals("permission-grant"));
            assertTrue(!e.classified() || e.action().startsWith("file-"));
            users.add(e.user());
            previous = e.at();
            lastId = e.id();
            n++;
        }
        assertEquals(data.counts().get("auditEvents"), n);
        assertTrue(users.size() >= 2_900 && users.size() <= 3_100, "about 3,000 users: " + users.size());
        Iterator<AuditEvent> a = data.auditEvents();
        Iterator<AuditEvent> b = data.auditEvents();
        for (int i = 0; i < 10_000; i++) {
            assertEquals(a.next(), b.next());
        }
    }

    @Test
    void each_injected_anomaly_is_found_by_its_detector_exactly_as_listed_and_nothing_else_is() {
        DemoData data = DemoFixture.standard();
        Set<String> approved = new HashSet<>(data.approvedRequests());
        List<int[]> subnets = data.officeSubnets().stream().map(DemoAuditLogTest::cidr).toList();
        Set<String> night = new TreeSet<>();
        Set<String> outside = new TreeSet<>();
        Set<String> burst = new TreeSet<>();
        Set<String> grants = new TreeSet<>();
        Set<String> classified = new TreeSet<>();
        Map<String, Deque<AuditEvent>> failures = new HashMap<>();
        Map<String, List<String>> downloads = new HashMap<>();
        LocalDate day = null;
        int grantCount = 0;
        for (Iterator<AuditEvent> it = data.auditEvents(); it.hasNext(); ) {
            AuditEvent e = it.next();
            if (!e.at().toLocalDate().equals(day)) {
                downloads.values().stream().filter(l -> l.size() >= 50).forEach(classified::addAll);
                downloads.clear();
                day = e.at().toLocalDate();
            }
            LocalTime t = e.at().toLocalTime();
            if (t.isBefore(AuditLog.WORK_START) || !t.isBefore(AuditLog.WORK_END)) {
                night.add(e.id());
            }
            if (subnets.stream().noneMatch(s -> inside(e.address(), s))) {
                outside.add(e.id());
            }
            if (e.action().equals("login-failed")) {
                Deque<AuditEvent> window = failures.computeIfAbsent(e.user(), u -> new ArrayDeque<>());
                window.addLast(e);
                while (Duration.between(window.peekFirst().at(), e.at()).toMinutes() >= 5) {
                    window.removeFirst();
                }
                if (window.size() >= 10) {
                    window.forEach(x -> burst.add(x.id()));
                }
            }
            if (e.action().equals("permission-grant")) {
                grantCount++;
                if (e.requestId() == null || !approved.contains(e.requestId())) {
                    grants.add(e.id());
                }
            }
            if (e.action().equals("file-download") && e.classified()) {
                downloads.computeIfAbsent(e.user(), u -> new ArrayList<>()).add(e.id());
            }
        }
        downloads.values().stream().filter(l -> l.size() >= 50).forEach(classified::addAll);

        assertEquals(listed(data, "凌晨登录"), night, "events outside 08:00-19:00");
        assertEquals(listed(data, "办公网段以外"), outside, "events from outside the office subnets");
        assertEquals(listed(data, "连续 12 次登录失败"), burst, ">= 10 failed logins of one user within 5 minutes");
        assertEquals(listed(data, "没有经审批的权限申请"), grants, "grants without an approved request");
        assertEquals(listed(data, "涉密文件"), classified, ">= 50 classified downloads of one user in a day");
        assertEquals(12, burst.size());
        assertEquals(63, classified.size());
        assertEquals(1, grants.size());
        assertEquals(data.approvedRequests().size(), grantCount - 1, "every other grant executes an approved request");
    }

    @Test
    void the_grant_without_approval_names_no_request_and_the_anomalies_are_each_listed_under_their_check() {
        DemoData data = DemoFixture.standard();
        Map<String, AuditEvent> byId = new HashMap<>();
        Set<String> wanted = new HashSet<>();
        data.violations().stream().filter(v -> v.factIds().stream().allMatch(id -> id.startsWith("ae-"))).forEach(v -> wanted.addAll(v.factIds()));
        for (Iterator<AuditEvent> it = data.auditEvents(); it.hasNext(); ) {
            AuditEvent e = it.next();
            if (wanted.contains(e.id())) {
                byId.put(e.id(), e);
            }
        }
        assertEquals(wanted.size(), byId.size());
        InjectedViolation grant = data.violations().stream().filter(v -> v.description().contains("没有经审批")).findFirst().orElseThrow();
        assertNull(byId.get(grant.factIds().get(0)).requestId());
        assertEquals("permission-grant", byId.get(grant.factIds().get(0)).action());
        List<String> checks = data.violations().stream().filter(v -> v.description().startsWith("审计日志异常"))
                .map(InjectedViolation::expectedRule).toList();
        assertEquals(List.of("基线 sa.bulk-classified-download 附件二 3 安全审计 大量下载保密文件",
                "基线 sa.failed-burst 附件三 安全审计 短时间内多次登录失败", "基线 sa.grant-without-request 附件二 3 安全审计 权限分配无审批申请",
                "基线 sa.login-hours 附件三 安全审计 登录时间异常", "基线 sa.login-hours 附件三 安全审计 登录时间异常",
                "基线 sa.unknown-address 附件三 安全审计 登录地址异常"), checks.stream().sorted().toList());
    }

    private static Set<String> listed(DemoData data, String marker) {
        Set<String> out = new TreeSet<>();
        data.violations().stream().filter(v -> v.description().contains(marker) && v.description().startsWith("审计日志异常"))
                .forEach(v -> out.addAll(v.factIds()));
        assertFalse(out.isEmpty(), marker);
        return out;
    }

    private static int[] cidr(String cidr) {
        String[] p = cidr.split("/");
        return new int[]{ip(p[0]), Integer.parseInt(p[1])};
    }

    private static int ip(String address) {
        int v = 0;
        for (String part : address.split("\\.")) {
            v = v << 8 | Integer.parseInt(part);
        }
        return v;
    }

    private static boolean inside(String address, int[] cidr) {
        int mask = cidr[1] == 0 ? 0 : -1 << (32 - cidr[1]);
        return (ip(address) & mask) == (cidr[0] & mask);
    }
}
