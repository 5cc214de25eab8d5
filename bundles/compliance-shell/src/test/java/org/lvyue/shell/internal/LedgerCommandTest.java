package org.lvyue.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.lvyue.api.waiver.Waiver;
import org.lvyue.testing.FakeAccounts;
import org.lvyue.testing.FakeContracts;

class LedgerCommandTest {
    private final FakeContracts contracts = Sample.contracts();
    private final FakeAccounts accounts = new FakeAccounts(contracts);

    private LedgerCommand command() {
        LedgerCommand c = new LedgerCommand();
        c.contracts = contracts;
        c.accounts = accounts;
        c.contractId = Sample.ID;
        return c;
    }

    private static String cells(String line) {
        return line.replaceAll("[ \u3000]*\\|[ \u3000]*", "|").strip();
    }

    @Test
    @DisplayName("shows each amount with its clause, payer, formula and the totals, who owes whom on balance")
    void showsAmountsAndTotals() throws Exception {
        accounts.entries.add(Sample.penalty("it-fail"));
        String out = Run.output(command());
        String row = out.lines().filter(l -> l.startsWith("一般条款七.1-服务不合格违约金/it-fail")).findFirst()
                .orElseThrow(() -> new AssertionError(out));
        assertEquals("一般条款七.1-服务不合格违约金/it-fail|一般条款 七.1|乙方 (supplier)|¥182,571.00|-|-|A × 服务不合格违约金比例|服务不合格违约金",
                cells(row));
        assertTrue(out.lines().anyMatch(l -> cells(l).equals("乙方应付 (supplier owes)|¥182,571.00")), out);
        assertTrue(out.lines().anyMatch(l -> cells(l).equals("净额 (net)|¥182,571.00")), out);
        assertTrue(out.contains("on balance the supplier owes the client") && out.contains("HALF_UP"), out);
        assertTrue(out.contains("计算日 (as of) 2023-01-10"), out);
        assertTrue(out.lines().noneMatch(l -> l.contains("新服务商应付")), "no third party owes anything here");
    }

    @Test
    @DisplayName("the new service provider's fee after expiry is listed with its payer and totalled apart, outside the net")
    void newSupplierApart() throws Exception {
        accounts.entries.add(Sample.penalty("it-fail"));
        accounts.entries.add(Sample.afterExpiryFee());
        String out = Run.output(command());
        String row = out.lines().filter(l -> l.startsWith("一般条款十六")).findFirst().orElseThrow(() -> new AssertionError(out));
        assertTrue(cells(row).startsWith("一般条款十六|一般条款 十六|新服务商 (new supplier)|¥983,715.89|"), row);
        assertTrue(out.lines().anyMatch(l -> cells(l).equals("甲方应付 (client owes)|¥0.00")), out);
        assertTrue(out.lines().anyMatch(l -> cells(l).equals("净额 (net)|¥182,571.00")), out);
        assertTrue(out.lines().anyMatch(l -> cells(l).equals("新服务商应付 (new supplier owes)|¥983,715.89")), out);
        assertTrue(out.contains("「由新服务商提供」") && out.contains("不计入甲乙双方的应付与净额"), out);
    }

    @Test
    @DisplayName("a waived amount is marked and counted as waived, not owed; --verbose lists inputs and facts")
    void waivedAndVerbose() throws Exception {
        accounts.entries.add(Sample.penalty("it-fail"));
        String key = accounts.entries.get(0).getKey();
        accounts.waivers.add(new Waiver(5, Sample.ID, Waiver.Target.LEDGER, key, "甲方书面同意免除", null, "admin",
                Instant.now(), null, null, null));
        LedgerCommand c = command();
        c.verbose = true;
        c.asOf = "2023-03-15";
        String out = Run.output(c);
        assertTrue(out.contains("已豁免 #5"), out);
        assertTrue(out.lines().anyMatch(l -> cells(l).equals("已豁免 (waived)|¥182,571.00")), out);
        assertTrue(out.lines().anyMatch(l -> cells(l).equals("乙方应付 (supplier owes)|¥0.00")), out);
        assertTrue(out.contains("输入 (input) A = 6085700.00") && out.contains("事实 (facts) it-fail")
                && out.contains("豁免 (waiver) #5 甲方书面同意免除"), out);
        assertTrue(out.contains("计算日 (as of) " + LocalDate.of(2023, 3, 15)), out);
    }

    @Test
    @DisplayName("an empty ledger says there is nothing owed")
    void emptyLedger() throws Exception {
        assertTrue(Run.output(command()).contains("没有款项 (no amounts owed)"));
    }

    @Test
    @DisplayName("refuses a malformed --as-of with the expected form")
    void refusesABadDay() {
        LedgerCommand c = command();
        c.asOf = "15/03/2023";
        assertEquals("--as-of '15/03/2023' 不是日期，应为 yyyy-MM-dd (not a date, expected yyyy-MM-dd)", Run.refusal(c));
    }
}
