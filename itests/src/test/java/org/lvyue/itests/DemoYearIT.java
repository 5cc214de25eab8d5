package org.lvyue.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * What ./run.sh shows on first start: the distribution generates the demo year (here at 2 % of its
 * bulky volumes: support requests, certificates, audit log) and loads it through its own intake in
 * the background; standing on 2023-03-01, the open findings are exactly the injected violations,
 * each by the rule the generator names, the audit-log anomalies included, and the audit log answers
 * searches.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DemoYearIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTRACT = "/contracts/bj-hrss-2022";

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(Distribution.on(8186),
                editConfigurationFilePut("etc/org.lvyue.demo.cfg", "load", "true"),
                editConfigurationFilePut("etc/org.lvyue.demo.cfg", "scale", "0.02"),
                editConfigurationFilePut("etc/org.lvyue.core.cfg", "today", "2023-03-01"));
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
}
