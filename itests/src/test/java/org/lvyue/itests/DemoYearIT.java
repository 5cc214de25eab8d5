package org.lvyue.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.lvyue.itests.ShellSessions.Result;
import org.lvyue.testing.PostgresServer;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What ./run.sh shows on first start: the distribution generates the demo year (here at 2 % of its
 * bulky volumes: support requests, certificates, audit log) and loads it through its own intake in
 * the background; standing on 2023-03-01, the open findings are exactly the injected violations,
 * each by the rule the generator names, the audit-log anomalies included, and the audit log answers
 * searches. Then the administrator moves that store to a fresh PostgreSQL database with
 * {@code compliance:migrate} in Karaf's shell (the README's path): each contract is copied and verified to the
 * head the product's integrity check gives on H2, the target holds that head and every fact (read with the
 * database's own driver), a second run is refused since the target is not empty, and an engineer may not run it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DemoYearIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTRACT = "/contracts/bj-hrss-2022";
    private static final List<String> ADMIN = List.of("admin", "manager", "viewer", "systembundles", "ssh");

    @Inject
    SessionFactory sessions;

    @Configuration
    public Option[] config() {
        PostgresServer.Database target = PostgresServer.shared().freshDatabase("migrate_it");
        return OptionUtils.combine(Distribution.on(8186),
                editConfigurationFilePut("etc/org.lvyue.demo.cfg", "load", "true"),
                editConfigurationFilePut("etc/org.lvyue.demo.cfg", "scale", "0.02"),
                editConfigurationFilePut("etc/org.lvyue.core.cfg", "today", "2023-03-01"),
                // where the second test moves the store (the first start's demo year, read-only meanwhile)
                systemProperty("lvyue.it.target.url").value(target.plainUrl()),
                systemProperty("lvyue.it.target.user").value(target.user()),
                systemProperty("lvyue.it.target.password").value(target.password()));
    }

    @Test
    public void the_first_start_loads_the_demo_year_and_finds_exactly_its_injected_violations() throws Exception {
        Map<String, Integer> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("附件三 x.x.6 上门：超过 2 小时（郊区 4 小时）", 4),
                Map.entry("附件三 每日检查：当月未执行的日子", 3),
                Map.entry("附件三 x.x.6 电话联系：超过 1 小时", 2),
                Map.entry("基线 sa.login-hours 附件三 安全审计 登录时间异常", 2),
                Map.entry("基线 pki.cert-expired 在用证书已过期", 1),
                Map.entry("附件二 提交成果：逾期提交", 2),
                Map.entry("一般条款八.3 月度报告 15 日内未评审：视为通过评审", 2),
                Map.entry("基线 sa.unknown-address 附件三 安全审计 登录地址异常", 1),
                Map.entry("一般条款六.1(2) 更换服务人员：超过 7 日才完成", 2),
                Map.entry("基线 ns.device-config-backup 安全设备当月未备份配置", 1),
                Map.entry("一般条款七.1 服务不合格违约金：甲方认定的每次服务不合格 3%", 1),
                Map.entry("基线 km.backup-missing 密钥当月无备份记录", 1),
                Map.entry("基线 sa.failed-burst 附件三 安全审计 短时间内多次登录失败", 1),
                Map.entry("附件二 提交成果：被退回后未重新提交", 1),
                Map.entry("基线 sa.grant-without-request 附件二 3 安全审计 权限分配无审批申请", 1),
                Map.entry("附件三 检查发现异常：未形成故障记录", 1),
                Map.entry("基线 pki.cert-revoked-in-use 已吊销的证书仍在使用", 1),
                Map.entry("基线 sa.bulk-classified-download 附件二 3 安全审计 大量下载保密文件", 1)));
        Map<String, Integer> open = Await.until("the demo year loaded and evaluated", DemoYearIT::openByRule,
                expected::equals, 240_000);
        assertEquals(expected, open);

        // the late payment of 2023 is money, not a finding: 5 days of 0.5 % after the 30 working days
        JsonNode ledger = JSON.readTree(Http.get(CONTRACT + "/ledger", "evaluator").body());
        assertTrue(ledger.toString(), ledger.path("entries").toString().contains("一般条款七.2"));

        // 十六: served on 2023-01-01..02-28, 59 days: 6,085,700.00 × 59 ÷ 365 = 983,715.89, 「由新服务商提供」: the new
        // provider owes it, so it is totalled apart and 甲方's total and the net are only what the two parties owe
        JsonNode afterExpiry = null;
        BigDecimal client = BigDecimal.ZERO;
        BigDecimal supplier = BigDecimal.ZERO;
        for (JsonNode e : ledger.path("entries")) {
            if (e.path("rule").asText().startsWith("一般条款十六")) {
                afterExpiry = e;
            }
            if (e.path("waiver").isObject()) {
                continue;
            }
            if ("CLIENT".equals(e.path("payer").asText())) {
                client = client.add(new BigDecimal(e.path("amount").asText()));
            } else if ("SUPPLIER".equals(e.path("payer").asText())) {
                supplier = supplier.add(new BigDecimal(e.path("amount").asText()));
            }
        }
        assertNotNull(ledger.toString(), afterExpiry);
        assertEquals("NEW_SUPPLIER", afterExpiry.path("payer").asText());
        assertEquals("新服务商", afterExpiry.path("payerLabel").asText());
        assertEquals("983715.89", afterExpiry.path("amount").asText());
        JsonNode totals = ledger.path("totals");
        assertEquals("983715.89", totals.path("newSupplierOwes").asText());
        assertEquals(client.setScale(2).toPlainString(), totals.path("clientOwes").asText());
        assertEquals(supplier.subtract(client).setScale(2).toPlainString(), totals.path("net").asText());
        JsonNode money = JSON.readTree(Http.get(CONTRACT + "/dashboard", "evaluator").body()).path("money");
        assertEquals("983715.89", money.path("newSupplierOwes").asText());
        assertEquals(totals.path("net").asText(), money.path("net").asText());

        // the audit log is searchable: the unknown address's entries, the night hours
        JsonNode foreign = JSON.readTree(Http.get(CONTRACT + "/audit-events?address=45.76.&limit=5", "admin").body());
        assertTrue(foreign.toString(), foreign.path("count").asLong() > 0);
        JsonNode hours = JSON.readTree(Http.get(CONTRACT + "/audit-events/stats?by=action&from=2022-01-01&to=2023-01-01", "admin").body());
        assertTrue(hours.toString(), hours.toString().contains("\"login\""));
    }

    private static Map<String, Integer> openByRule() {
        Map<String, Integer> byRule = new TreeMap<>();
        try {
            Http.Reply r = Http.get(CONTRACT + "/findings?status=OPEN&limit=5000", "evaluator");
            if (r.status() != 200) {
                return byRule;
            }
            for (JsonNode f : JSON.readTree(r.body()).path("findings")) {
                byRule.merge(f.path("rule").asText(), 1, Integer::sum);
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return byRule;
    }

    @Test
    public void the_administrator_moves_the_demo_year_to_postgresql_and_each_chain_ends_there_at_the_same_head()
            throws Exception {
        String url = System.getProperty("lvyue.it.target.url");
        String user = System.getProperty("lvyue.it.target.user");
        String password = System.getProperty("lvyue.it.target.password");
        Path loaded = Path.of(System.getProperty("karaf.data"), "lvyue", "demo-year.loaded");
        Await.until("the demo year loaded", () -> Files.exists(loaded), done -> done, 240_000);
        List<String> ids = new ArrayList<>();
        json(Http.get("/contracts", "evaluator")).forEach(c -> ids.add(c.path("id").asText()));
        assertTrue(ids.toString(), ids.containsAll(List.of("bj-hrss-2022", "bj-hrss-2022-wl")));
        // the findings stand on the final rule set: no evaluation appends to a chain while the heads are compared
        Map<String, Head> here = new TreeMap<>();
        for (String id : ids) {
            Await.until("findings of " + id + " current with the rule set", () -> {
                long active = json(Http.get("/health", null)).path("ruleSetVersion").asLong(-1);
                Http.Reply c = Http.get("/contracts/" + id, "evaluator");
                return c.status() == 200 && active == json(c).path("findingsRuleSetVersion").asLong();
            }, current -> current, 120_000);
            JsonNode integrity = json(Http.get("/contracts/" + id + "/integrity", "evaluator"));
            assertTrue(integrity.toString(), integrity.path("intact").asBoolean());
            here.put(id, new Head(integrity.path("head").path("position").asLong(), integrity.path("head").path("hash").asText(),
                    integrity.path("rowsVerified").path("fact").asLong()));
        }
        assertTrue(here.toString(), here.get("bj-hrss-2022").facts() > 1000);

        String command = "compliance:migrate " + url + " --user " + user + " --password " + password;
        Result engineer = ShellSessions.run(sessions, "engineer", ShellSessions.ENGINEER, command, "");
        assertNotNull("an engineer may not move the store: " + engineer.output(), engineer.error());
        assertEquals("nothing was copied by the engineer", null, targetHead(url, user, password, ids.get(0)));

        String out = ShellSessions.run(sessions, "admin", ADMIN, command, "").ok();
        for (Map.Entry<String, Head> e : here.entrySet()) {
            Head h = e.getValue();
            assertTrue(out, out.contains("合同 " + e.getKey() + "：已复制并核对，证据链末条一致 " + h.position() + ":" + h.hash()));
            // what the target holds, read with the database's own driver, not through the product
            assertEquals(h, targetHead(url, user, password, e.getKey()));
        }
        assertTrue(out, out.contains("迁移完成：" + ids.size() + " 个合同"));

        Result again = ShellSessions.run(sessions, "admin", ADMIN, command, "");
        assertNotNull(again.output(), again.error());
        assertTrue(again.error().getMessage(), again.error().getMessage().contains("目标数据库不是空的，已有合同 " + ids.get(0)));
    }

    private record Head(long position, String hash, long facts) {
    }

    /** The contract's chain head and fact count in the target database, or null when it has no schema yet. */
    private static Head targetHead(String url, String user, String password, String id) throws SQLException {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url);
        source.setUser(user);
        source.setPassword(password);
        try (Connection c = source.getConnection()) {
            if (!c.getMetaData().getTables(null, null, "evidence", null).next()) {
                return null;
            }
            long facts;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM fact WHERE contract_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    facts = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT position, entry_hash FROM evidence WHERE contract_id = ?"
                    + " ORDER BY position DESC LIMIT 1")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Head(rs.getLong(1), rs.getString(2), facts) : new Head(-1, null, facts);
                }
            }
        }
    }

    private static JsonNode json(Http.Reply r) {
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(r.body(), e);
        }
    }
}
