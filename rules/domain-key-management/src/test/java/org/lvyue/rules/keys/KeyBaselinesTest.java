package org.lvyue.rules.keys;

import static java.time.LocalDate.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
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
 * The key baselines on the real engine over the demo contract (service period 2022), evaluated on
 * 2022-07-15: the months January to June and nothing later are over. Each check fails exactly for
 * the object that breaks it, and the nearest case that keeps it passes.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KeyBaselinesTest {
    private static final LocalDate AS_OF = parse("2022-07-15");
    private static final Path DOMAIN = Path.of("src/main/resources");
    private DomainFacts domain;
    private DroolsEngine engine;
    private Contract contract;
    private List<Fact> facts;
    private final Map<String, Map<String, String>> keyAttributes = new HashMap<>();
    private final Map<String, LocalDate> keyGenerated = new HashMap<>();

    @BeforeEach
    void deploy() {
        domain = new DomainFacts(DOMAIN, "key-management");
        engine = domain.engine();
        contract = domain.contract();
        facts = domain.facts();
    }

    @AfterEach
    void close() {
        domain.close();
    }

    private Fact add(String kind, String subject, String date, Map<String, String> attrs) {
        return domain.add(kind, subject, date, attrs);
    }

    private void system(String name) {
        add("key.system", name, "2022-01-01", Map.of("title", name + "系统"));
    }

    private Fact key(String id, String system, String purpose, String fingerprint, String generated) {
        Map<String, String> attrs = Map.of("system", system, "purpose", purpose, "fingerprint", fingerprint, "algorithm", "SM4");
        keyAttributes.put(id, attrs);
        keyGenerated.put(id, parse(generated));
        return add("key.record", id, generated, attrs);
    }

    /** Retires a key as a collector does: its record sent again, under another fact id, with retiredOn. */
    private void retire(String id, String on) {
        Map<String, String> attrs = new HashMap<>(keyAttributes.get(id));
        attrs.put("retiredOn", on);
        add("key.record", id, keyGenerated.get(id).toString(), attrs);
    }

    private void backups(String keyId, String... days) {
        for (String day : days) {
            add("key.backup", keyId, day, Map.of("location", "备份机"));
        }
    }

    /** A backup on the 20th of every month from {@code from} to June 2022. */
    private void backedUpMonthly(String keyId, int from) {
        for (int m = from; m <= 6; m++) {
            backups(keyId, String.format("2022-%02d-20", m));
        }
    }

    private List<Finding> evaluate() {
        return domain.evaluate(AS_OF);
    }

    /** Each finding as {@code check period object}, sorted. */
    private List<String> failed() {
        return domain.failed(AS_OF);
    }

    @Test
    void a_complete_register_passes_every_check() {
        system("社保卡");
        system("就业");
        key("K1", "社保卡", "加密", "AA01", "2022-03-01");
        key("K2", "社保卡", "签名", "BB02", "2021-09-01");
        key("K3", "就业", "加密", "CC03", "2021-07-15");
        backedUpMonthly("K1", 3);
        backedUpMonthly("K2", 1);
        backedUpMonthly("K3", 1);
        assertEquals(List.of(), failed());
    }

    @Test
    void a_system_without_a_key_of_its_own_fails_and_so_does_one_whose_only_key_is_retired() {
        system("社保卡");
        system("就业");    // no key at all
        system("医保");    // its only key retired on 06-30, before the evaluation day
        system("工伤");    // its key retires on the evaluation day itself: still in use
        key("K1", "社保卡", "加密", "AA01", "2022-01-10");
        key("K2", "医保", "加密", "BB02", "2022-01-10");
        retire("K2", "2022-06-30");
        key("K3", "工伤", "加密", "CC03", "2022-01-10");
        retire("K3", "2022-07-15");
        for (String k : List.of("K1", "K2", "K3")) {
            backedUpMonthly(k, 1);
        }
        assertEquals(List.of(
                "km.system-without-key 2022-01-01 医保",
                "km.system-without-key 2022-01-01 就业"), failed());
    }

    @Test
    void two_systems_with_the_same_fingerprint_give_one_finding_naming_both_and_one_system_twice_is_no_sharing() {
        key("K1", "社保卡", "加密", "AA01", "2022-01-10");
        Fact k2 = key("K2", "就业", "加密", "AA01", "2022-02-10");
        key("K3", "医保", "签名", "BB02", "2022-01-10");
        key("K4", "医保", "加密", "BB02", "2022-01-10");  // the same material twice in one system: not this check
        for (String k : List.of("K1", "K2", "K3", "K4")) {
            backedUpMonthly(k, 1);
        }
        assertEquals(List.of("km.shared-key 2022-02-10 AA01"), failed());   // shared since K2 was generated

        Finding shared = evaluate().get(0);
        assertEquals("指纹 AA01 的密钥同时用于 2 个业务系统：就业、社保卡", shared.getTitle());
        assertEquals(List.of(facts.get(0).getId(), k2.getId()), shared.getFactIds());
        assertEquals(Severity.HIGH, shared.getSeverity());
        assertEquals("附件二 2 密码管理服务", shared.getClause());
        assertEquals("key-management", shared.getDomain());
        assertEquals("基线 km.shared-key 不同业务系统使用相同的密钥", shared.getRuleName());
        assertTrue(shared.getDetail().contains("K1（社保卡，加密）、K2（就业，加密）"), shared.getDetail());
        assertTrue(shared.getDetail().endsWith("整改：为共用密钥的系统分别生成新密钥，迁移完成后停用共用的密钥并登记停用日期。"),
                shared.getDetail());
    }

    @Test
    void a_key_generated_365_days_ago_is_renewed_in_time_and_one_generated_366_days_ago_is_not() {
        // 2021-07-15 + 365 days = 2022-07-15, not before the evaluation day; 2021-07-14 + 365 = 2022-07-14, before it
        key("K1", "社保卡", "加密", "AA01", "2021-07-15");
        key("K2", "就业", "加密", "BB02", "2021-07-14");
        backedUpMonthly("K1", 1);
        backedUpMonthly("K2", 1);
        assertEquals(List.of("km.key-not-renewed 2021-07-14 K2"), failed());
    }

    @Test
    void a_newer_encryption_key_renews_the_old_one_and_a_signing_key_is_never_held_to_the_yearly_renewal() {
        // 附件二 2 数据加解密服务「每年对加解密密钥进行更新」names the encryption keys; signing keys have no period
        key("K1", "社保卡", "加密", "AA01", "2021-01-04");
        key("K2", "社保卡", "加密", "BB02", "2022-02-01");   // renews K1 (K1 still in service: only the newest counts)
        key("K3", "社保卡", "签名", "CC03", "2021-01-04");   // 557 days old on 07-15, but a signing key
        key("K4", "就业", "加密", "DD04", "2021-01-04");     // as old, an encryption key: not renewed
        for (String k : List.of("K1", "K3", "K4")) {
            backedUpMonthly(k, 1);
        }
        backedUpMonthly("K2", 2);
        assertEquals(List.of("km.key-not-renewed 2021-01-04 K4"), failed());
        Finding old = evaluate().get(0);
        assertEquals("就业 的加密密钥 K4 生成于 2021-01-04，超过 365 天未更新", old.getTitle());
        assertEquals("基线 km.key-not-renewed 加解密密钥超过一年未更新", old.getRuleName());
    }

    @Test
    void a_backup_on_the_last_day_of_the_month_counts_and_a_month_without_one_fails_once() {
        key("K1", "社保卡", "加密", "AA01", "2021-12-01");
        // January and February backed up on their last day; none in March (04-01 is April's); July is not over
        backups("K1", "2022-01-31", "2022-02-28", "2022-04-01", "2022-05-15", "2022-06-30");
        assertEquals(List.of("km.backup-missing 2022-03 K1"), failed());
    }

    @Test
    void a_key_needs_a_backup_from_the_month_it_was_generated_in() {
        key("K1", "社保卡", "加密", "AA01", "2022-04-30");   // generated on April's last day: April needs a backup
        key("K2", "就业", "加密", "BB02", "2022-05-01");     // generated on May's first day: April does not
        backups("K1", "2022-05-20", "2022-06-20");
        backups("K2", "2022-05-20", "2022-06-20");
        assertEquals(List.of("km.backup-missing 2022-04 K1"), failed());
    }

    @Test
    void a_retired_key_needs_no_backups_after_it_retires() {
        key("K1", "社保卡", "加密", "AA01", "2021-12-01");
        retire("K1", "2022-04-30");   // existed in April, not in May
        key("K2", "就业", "加密", "BB02", "2021-12-01");
        retire("K2", "2022-05-01");   // retired on May's first day: May still needs a backup
        backups("K1", "2022-01-20", "2022-02-20", "2022-03-20", "2022-04-20");
        backups("K2", "2022-01-20", "2022-02-20", "2022-03-20", "2022-04-20");
        assertEquals(List.of("km.backup-missing 2022-05 K2"), failed());
    }

    @Test
    void records_added_to_the_loaded_contract_resolve_the_findings_they_answer() {
        system("社保卡");
        system("就业");
        key("K1", "社保卡", "加密", "AA01", "2021-12-01");
        backups("K1", "2022-01-20", "2022-02-20", "2022-04-20", "2022-05-20", "2022-06-20");
        assertEquals(2, evaluate().size());   // 就业 has no key; K1 has no March backup

        // as intake does: the new facts into the loaded working memory, then evaluate again
        Fact k2 = Fact.builder().id("k2").contractId(contract.id()).domain("key-management").kind("key.record").subject("K2")
                .date(parse("2022-07-01")).attributes(Map.of("system", "就业", "purpose", "加密", "fingerprint", "BB02")).build();
        Fact march = Fact.builder().id("b-march").contractId(contract.id()).domain("key-management").kind("key.backup")
                .subject("K1").date(parse("2022-03-31")).build();
        engine.addFacts(contract.id(), List.of(k2, march));
        assertEquals(List.of(), engine.evaluate(contract.id(), AS_OF).findings());
    }

    @Test
    void a_missing_backup_names_the_key_its_month_and_its_records() {
        Fact k1 = key("K1", "社保卡", "加密", "AA01", "2022-05-10");
        backups("K1", "2022-06-20");
        List<Finding> found = evaluate();
        assertEquals(1, found.size());
        Finding f = found.get(0);
        assertEquals("2022-05 密钥 K1（社保卡，加密）当月无备份记录", f.getTitle());
        assertEquals(parse("2022-05-01"), f.getPeriodStart());
        assertEquals(parse("2022-05-31"), f.getPeriodEnd());
        assertEquals(List.of(k1.getId()), f.getFactIds());
        assertEquals("附件二 2 密码管理服务; 附件三 1.2.2.4 1)", f.getClause());
        assertTrue(f.getDetail().contains("2022-05-01 至 2022-05-31 未见该密钥的备份记录"), f.getDetail());
    }

    @Test
    void every_baseline_check_has_its_metadata_and_exactly_one_rule() throws Exception {
        List<Obligation> baselines = domain.baselineChecks(DOMAIN.resolve("rules/key-baselines.drl"));
        assertEquals(Set.of("km.system-without-key", "km.shared-key", "km.key-not-renewed", "km.backup-missing"),
                Set.copyOf(baselines.stream().map(Obligation::id).toList()));
        for (Obligation o : baselines) {
            assertTrue(Set.of("key.system", "key.record").contains(o.evidenceKind()), o.id());
        }
    }
}
