package org.lvyue.rules.network;

import static java.time.LocalDate.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.spi.Obligation;
import org.lvyue.engine.internal.DroolsEngine;
import org.lvyue.rules.obligations.DomainFacts;

/**
 * The device baselines on the real engine over the demo contract (service period 2022), evaluated
 * on 2022-07-15: the months January to June and the quarters 2022-Q1 and 2022-Q2 are over, July and
 * 2022-Q3 are not. Each check fails exactly for the device that breaks it, and the nearest case that
 * keeps it passes.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DeviceBaselinesTest {
    private static final LocalDate AS_OF = parse("2022-07-15");
    private static final Path DOMAIN = Path.of("src/main/resources");
    private DomainFacts domain;
    private DroolsEngine engine;
    private Contract contract;
    private List<Fact> facts;

    @BeforeEach
    void deploy() {
        domain = new DomainFacts(DOMAIN, "network-security");
        engine = domain.engine();
        contract = domain.contract();
        facts = domain.facts();
    }

    @AfterEach
    void close() {
        domain.close();
    }

    private Fact add(String kind, String device, String date, Map<String, String> attrs) {
        return domain.add(kind, device, date, attrs);
    }

    private Fact device(String id, String name, String type, String registered) {
        return add("device", id, registered, Map.of("name", name, "type", type, "site", "通州办公区"));
    }

    private void backups(String device, String... days) {
        for (String day : days) {
            add("device.config-backup", device, day, Map.of("by", "张工"));
        }
    }

    /** A configuration backup on the 20th of every month from {@code from} to June 2022. */
    private void backedUpMonthly(String device, int from) {
        for (int m = from; m <= 6; m++) {
            backups(device, String.format("2022-%02d-20", m));
        }
    }

    private void checks(String device, String... days) {
        for (String day : days) {
            add("device.config-check", device, day, Map.of("by", "张工"));
        }
    }

    private Fact passwordChanged(String device, String day) {
        return add("device.password-change", device, day, Map.of("account", "admin", "by", "张工"));
    }

    private List<Finding> evaluate() {
        return domain.evaluate(AS_OF);
    }

    /** Each finding as {@code check period device}, sorted. */
    private List<String> failed() {
        List<String> out = new ArrayList<>();
        for (Finding f : evaluate()) {
            out.add(f.getObligationId() + " " + f.getPeriodLabel() + " " + f.getKey().substring(f.getKey().lastIndexOf('/') + 1));
        }
        out.sort(null);
        return out;
    }

    @Test
    void a_device_backed_up_every_month_checked_every_quarter_with_a_fresh_password_passes_every_check() {
        device("FW-01", "出口防火墙", "防火墙", "2021-12-01");
        backedUpMonthly("FW-01", 1);
        checks("FW-01", "2022-02-15", "2022-05-15");
        passwordChanged("FW-01", "2022-05-01");
        assertEquals(List.of(), failed());
    }

    @Test
    void a_backup_on_the_last_day_of_the_month_counts_and_a_month_without_one_fails_once() {
        device("FW-01", "出口防火墙", "防火墙", "2021-12-01");
        // January to March backed up on their last day; none in April (05-01 is May's); July is not over
        backups("FW-01", "2022-01-31", "2022-02-28", "2022-03-31", "2022-05-01", "2022-06-30");
        checks("FW-01", "2022-02-15", "2022-05-15");
        passwordChanged("FW-01", "2022-05-01");
        assertEquals(List.of("ns.device-config-backup 2022-04 FW-01"), failed());

        Finding april = evaluate().get(0);
        assertEquals("2022-04 设备 出口防火墙（FW-01，防火墙）当月未备份配置", april.getTitle());
        assertEquals(Severity.HIGH, april.getSeverity());
        assertEquals("基线 ns.device-config-backup 安全设备当月未备份配置", april.getRuleName());
        assertEquals("附件二 6 安全软硬件设备维护; 附件三 1.6.3 (4); 1.6.11 (2)(4)", april.getClause());
        assertEquals("network-security", april.getDomain());
        assertEquals(List.of(facts.get(0).getId()), april.getFactIds());
        assertTrue(april.getDetail().contains("2022-04-01 至 2022-04-30 未见该设备的配置备份记录"), april.getDetail());
        assertTrue(april.getDetail().endsWith("整改：立即备份该设备的配置文件并登记备份记录；配置变化时另行备份，做好版本管理。"),
                april.getDetail());
    }

    @Test
    void a_device_needs_a_backup_from_the_month_it_was_registered_in() {
        device("GW-01", "社保专线网闸", "网闸", "2022-05-31");    // registered on May's last day: May needs a backup
        device("FW-02", "银行专线防火墙", "防火墙", "2022-06-01"); // registered on June's first day: May does not
        for (String d : List.of("GW-01", "FW-02")) {
            backups(d, "2022-06-20");
            checks(d, "2022-06-20");
        }
        assertEquals(List.of("ns.device-config-backup 2022-05 GW-01"), failed());
    }

    @Test
    void a_quarter_without_a_configuration_check_fails_and_a_check_on_its_last_day_counts() {
        device("FW-01", "出口防火墙", "防火墙", "2021-12-01");
        device("FW-02", "银行专线防火墙", "防火墙", "2022-04-01");   // registered in Q2: Q1 needs no check
        backedUpMonthly("FW-01", 1);
        backedUpMonthly("FW-02", 4);
        checks("FW-01", "2022-03-31");                 // Q1 on its last day; none in Q2
        checks("FW-02", "2022-06-30");                 // Q2 on its last day
        passwordChanged("FW-01", "2022-06-01");
        passwordChanged("FW-02", "2022-06-01");
        assertEquals(List.of("ns.device-config-check 2022-Q2 FW-01"), failed());
    }

    @Test
    void a_password_changed_90_days_ago_is_in_time_and_one_changed_91_days_ago_is_too_old() {
        // 2022-04-16 + 90 days = 2022-07-15, not before the evaluation day; 2022-04-15 + 90 = 2022-07-14, before it
        device("FW-01", "出口防火墙", "防火墙", "2021-12-01");
        device("FW-02", "银行专线防火墙", "防火墙", "2021-12-01");
        for (String d : List.of("FW-01", "FW-02")) {
            backedUpMonthly(d, 1);
            checks(d, "2022-02-15", "2022-05-15");
        }
        passwordChanged("FW-01", "2022-04-16");
        Fact old = passwordChanged("FW-02", "2022-04-15");
        assertEquals(List.of("ns.device-password-age 2022-04-15 FW-02"), failed());

        Finding f = evaluate().get(0);
        assertEquals("设备 银行专线防火墙（FW-02，防火墙）的登录口令自 2022-04-15 起未更换，超过 90 天", f.getTitle());
        assertEquals(List.of(facts.get(1).getId(), old.getId()), f.getFactIds());
        assertTrue(f.getDetail().startsWith("最近一次口令更换于 2022-04-15（账号 admin）。"), f.getDetail());
    }

    @Test
    void without_any_password_change_the_register_date_counts() {
        device("FW-03", "区县接入防火墙", "防火墙", "2022-04-16");   // 90 days before the evaluation day
        Fact late = device("FW-04", "社区接入防火墙", "防火墙", "2022-04-15");   // 91 days
        for (String d : List.of("FW-03", "FW-04")) {
            backedUpMonthly(d, 4);
            checks(d, "2022-05-15");
        }
        assertEquals(List.of("ns.device-password-age 2022-04-15 FW-04"), failed());

        Finding f = evaluate().get(0);
        assertEquals("设备 社区接入防火墙（FW-04，防火墙）自登记日 2022-04-15 起未见口令更换，超过 90 天", f.getTitle());
        assertEquals(List.of(late.getId()), f.getFactIds());
    }

    @Test
    void only_the_last_password_change_counts() {
        device("FW-01", "出口防火墙", "防火墙", "2021-12-01");
        device("FW-02", "银行专线防火墙", "防火墙", "2021-12-01");
        for (String d : List.of("FW-01", "FW-02")) {
            backedUpMonthly(d, 1);
            checks(d, "2022-02-15", "2022-05-15");
            passwordChanged(d, "2022-01-05");
        }
        passwordChanged("FW-01", "2022-06-01");   // FW-01 changed again; FW-02's last change is January's
        assertEquals(List.of("ns.device-password-age 2022-01-05 FW-02"), failed());
    }

    @Test
    void records_added_to_the_loaded_contract_resolve_the_findings_they_answer() {
        device("FW-01", "出口防火墙", "防火墙", "2021-12-01");
        backups("FW-01", "2022-01-20", "2022-02-20", "2022-03-20", "2022-05-20", "2022-06-20");
        checks("FW-01", "2022-02-15");
        assertEquals(3, evaluate().size());   // April's backup, Q2's check, the password since 2021-12-01

        // as intake does: the new facts into the loaded working memory, then evaluate again
        List<Fact> added = new ArrayList<>();
        for (String[] r : List.of(new String[] {"device.config-backup", "2022-04-30"}, new String[] {"device.config-check", "2022-06-30"},
                new String[] {"device.password-change", "2022-07-15"})) {
            added.add(Fact.builder().id("late-" + r[0]).contractId(contract.id()).domain("network-security").kind(r[0])
                    .subject("FW-01").date(parse(r[1])).build());
        }
        engine.addFacts(contract.id(), added);
        assertEquals(List.of(), engine.evaluate(contract.id(), AS_OF).findings());
    }

    @Test
    void every_baseline_check_has_its_metadata_and_exactly_one_rule() throws Exception {
        List<Obligation> baselines = domain.baselineChecks(DOMAIN.resolve("rules/device-baselines.drl"));
        assertEquals(Set.of("ns.device-config-backup", "ns.device-config-check", "ns.device-password-age"),
                Set.copyOf(baselines.stream().map(Obligation::id).toList()));
        for (Obligation o : baselines) {
            assertEquals("device", o.evidenceKind(), o.id());
        }
    }
}
