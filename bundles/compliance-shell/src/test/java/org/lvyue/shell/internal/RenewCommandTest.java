package org.lvyue.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.lvyue.api.contract.LintItem;
import org.lvyue.api.finding.Severity;
import org.lvyue.testing.FakeContracts;

class RenewCommandTest {
    /** The contracts, whose lint of a renewed contract says what changed. */
    private final FakeContracts contracts = new FakeContracts(Sample.TODAY, Sample.contract()) {
        @Override
        public List<LintItem> lint(String contractId) {
            return List.of(new LintItem("renewal-changed", Severity.INFO, List.of(), List.of("amount"), "续签变更：amount",
                    "6085700.00 → 6300000.00"), new LintItem("signed-after-service-start", Severity.MEDIUM, List.of(),
                    List.of("signedOn"), "合同签订日晚于服务期开始日（补签）", "…"));
        }
    };

    private RenewCommand command(String... trailing) {
        RenewCommand c = new RenewCommand();
        c.contracts = contracts;
        c.contractId = "bj-hrss-2022";
        c.newId = "bj-hrss-2023";
        c.options = List.of(trailing);
        return c;
    }

    @Test
    @DisplayName("makes next year's contract from the options given after the arguments and lists only what changed")
    void renewsAndListsTheChanges() throws Exception {
        String out = Run.output(command("--period-start", "2023-01-01", "--period-end=2023-12-31", "--amount", "6300000.00",
                "--signed-on", "2023-03-01", "--award-notice-on", "2023-02-10"));

        assertEquals(List.of("bj-hrss-2022 -> bj-hrss-2023 by shell"), contracts.renewals);
        var renewed = contracts.contract("bj-hrss-2023");
        assertEquals(new BigDecimal("6300000.00"), renewed.amount());
        assertEquals(LocalDate.of(2023, 12, 31), renewed.periodEnd());
        assertTrue(out.startsWith("已生成合同 (contract created) bj-hrss-2023 版本 (version) 1，续签自 (renewed from) bj-hrss-2022"), out);
        assertTrue(out.contains("6085700.00 → 6300000.00"), out);
        assertTrue(!out.contains("补签"), "the lint's other items are not changes: " + out);
    }

    @Test
    @DisplayName("refuses in one line a missing option, a bad amount, an existing id and an unknown contract")
    void refusals() {
        assertEquals("缺少选项 (missing option) --amount", Run.refusal(command("--period-start", "2023-01-01",
                "--period-end", "2023-12-31", "--signed-on", "2023-03-01")));
        assertTrue(Run.refusal(command("--period-start", "2023-01-01", "--period-end", "2023-12-31", "--amount", "六百万",
                "--signed-on", "2023-03-01")).startsWith("--amount '六百万' 不是金额"));
        RenewCommand existing = command("--period-start", "2023-01-01", "--period-end", "2023-12-31", "--amount", "1",
                "--signed-on", "2023-03-01");
        existing.newId = "bj-hrss-2022";
        assertEquals("合同 'bj-hrss-2022' 已存在；续签须使用新的合同编号", Run.refusal(existing));
        RenewCommand unknown = command();
        unknown.contractId = "no-such";
        assertTrue(Run.refusal(unknown).startsWith("合同 'no-such' 不存在 (contract not found)"));
    }
}
