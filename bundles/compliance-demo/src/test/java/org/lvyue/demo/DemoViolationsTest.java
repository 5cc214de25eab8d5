package org.lvyue.demo;

import org.lvyue.api.audit.AuditEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.PeriodLabels;

/** The injected violations: each one there, each fact it names there, each record it leaves out absent. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DemoViolationsTest {

    @Test
    void every_injected_violation_references_facts_that_exist() {
        DemoData data = DemoFixture.standard();
        Set<String> ids = new HashSet<>();
        data.facts().forEach(f -> ids.add((String) f.get("id")));
        DemoFixture.pkiFacts(data).forEach(f -> ids.add((String) f.get("id")));
        for (Iterator<AuditEvent> it = data.auditEvents(); it.hasNext(); ) {
            ids.add(it.next().id());
        }
        List<String> dangling = new ArrayList<>();
        for (InjectedViolation v : data.violations()) {
            for (String id : v.factIds()) {
                if (!ids.contains(id)) {
                    dangling.add(v.id() + " " + id);
                }
            }
            boolean missing = data.missing().stream().anyMatch(m -> m.violationId().equals(v.id()));
            assertTrue(missing || !v.factIds().isEmpty(), v.id() + " names no fact and no absence");
        }
        assertEquals(List.of(), dangling);
    }

    @Test
    void every_record_a_violation_leaves_out_is_indeed_absent() {
        DemoData data = DemoFixture.standard();
        assertFalse(data.missing().isEmpty());
        for (MissingFact m : data.missing()) {
            assertTrue(data.violations().stream().anyMatch(v -> v.id().equals(m.violationId())), m.toString());
            for (Map<String, Object> f : data.facts()) {
                if (!m.kind().equals(f.get("kind")) || !m.subject().equals(f.get("subject"))) {
                    continue;
                }
                LocalDate d = LocalDate.parse((String) f.get("date"));
                boolean inPeriod = m.period() == null || m.period().equals(d.toString())
                        || m.period().equals(PeriodLabels.of(Frequency.MONTHLY, d));
                assertFalse(inPeriod, m + " is there: " + f.get("id"));
            }
        }
    }

    @Test
    void the_injected_violations_cover_every_kind_the_demo_promises() {
        List<String> rules = DemoFixture.standard().violations().stream().map(InjectedViolation::expectedRule).toList();
        for (String rule : List.of("附件三 每日检查：当月未执行的日子", "附件二 提交成果：逾期提交", "附件二 提交成果：被退回后未重新提交",
                "附件三 x.x.6 电话联系：超过 1 小时", "附件三 x.x.6 上门：超过 2 小时（郊区 4 小时）", "基线 pki.cert-expired 在用证书已过期",
                "一般条款七.2 甲方逾期付款违约金：第 31 个工作日起每日 0.5%，总额不超过 5%", "一般条款六.1(2) 更换服务人员：超过 7 日才完成",
                "基线 km.backup-missing 密钥当月无备份记录", "基线 ns.device-config-backup 安全设备当月未备份配置")) {
            assertTrue(rules.contains(rule), "no injected violation for " + rule);
        }
        assertTrue(rules.stream().filter(r -> r.startsWith("附件三 每日检查")).count() >= 3, "missed daily checks on a few days");
        List<InjectedViolation> onsite = DemoFixture.standard().violations().stream()
                .filter(v -> v.expectedRule().startsWith("附件三 x.x.6 上门")).toList();
        assertTrue(onsite.stream().anyMatch(v -> v.description().contains("郊区")), "a suburban on-site breach");
        assertTrue(onsite.stream().anyMatch(v -> v.description().contains("市区")), "an urban on-site breach");
        for (String audit : List.of("凌晨登录", "办公网段以外", "连续 12 次登录失败", "没有经审批的权限申请", "涉密文件")) {
            assertTrue(DemoFixture.standard().violations().stream().anyMatch(v -> v.description().contains(audit)), audit);
        }
    }

    @Test
    void ids_run_in_date_order_and_each_violation_is_complete() {
        List<InjectedViolation> vs = DemoFixture.standard().violations();
        for (int i = 0; i < vs.size(); i++) {
            InjectedViolation v = vs.get(i);
            assertEquals(String.format("V%02d", i + 1), v.id());
            assertFalse(v.clause().isBlank() || v.domain().isBlank() || v.description().isBlank() || v.expectedRule().isBlank(), v.toString());
            if (i > 0) {
                assertFalse(v.date().isBefore(vs.get(i - 1).date()));
            }
        }
    }

    @Test
    void the_support_breaches_break_the_contracts_own_limits_and_every_other_ticket_meets_them() {
        DemoData data = DemoFixture.standard();
        Map<String, String> sites = ContractTerms.load().supportSites();
        Map<String, Map<String, Object>> byId = new java.util.HashMap<>();
        data.facts().forEach(f -> byId.put((String) f.get("id"), f));
        Set<String> breached = new HashSet<>();
        data.violations().stream().filter(v -> v.domain().equals("support")).forEach(v -> breached.add(v.factIds().get(0)));
        int checked = 0;
        for (Map<String, Object> r : data.facts()) {
            if (!"support.request".equals(r.get("kind"))) {
                continue;
            }
            String ticket = (String) r.get("subject");
            java.time.LocalDateTime at = java.time.LocalDateTime.parse((String) r.get("time"));
            Map<String, Object> call = byId.get("sup:" + ticket + ":call");
            Map<String, Object> visit = byId.get("sup:" + ticket + ":visit");
            String site = (String) ((Map<?, ?>) r.get("attributes")).get("site");
            assertTrue(sites.containsKey(site), site);
            long callMinutes = java.time.Duration.between(at, java.time.LocalDateTime.parse((String) call.get("time"))).toMinutes();
            boolean late = callMinutes >= 60;
            if (visit != null) {
                long visitMinutes = java.time.Duration.between(at, java.time.LocalDateTime.parse((String) visit.get("time"))).toMinutes();
                late |= visitMinutes >= (sites.get(site).equals("suburban") ? 240 : 120);
            } else {
                assertEquals("resolved", call.get("status"), ticket);
            }
            assertEquals(breached.contains(r.get("id")), late, ticket);
            checked++;
        }
        assertEquals(data.counts().get("support.request"), checked);
    }
}
