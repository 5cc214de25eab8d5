package org.lvyue.rules.terms;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lvyue.api.fact.Fact;
import org.lvyue.api.ledger.Money;
import org.lvyue.api.spi.MonthlyReportSections;
import org.lvyue.api.spi.SettlementTerms;
import org.osgi.service.component.annotations.Component;

/**
 * 一般条款 十四.2 for the settlement (合同解除结算单): a termination is the latest {@code termination.effective}
 * fact; the settlement shows who ended the contract, the notice, and what 甲方 has paid, beside the
 * day-by-day refund the termination rule books in the ledger.
 */
@Component(service = SettlementTerms.class, property = MonthlyReportSections.DOMAINS + "=general-terms")
public class TerminationSettlement implements SettlementTerms {
    static final String EFFECTIVE = "termination.effective";
    static final String PAYMENT = "payment.received";

    @Override
    public Optional<Termination> termination(Facts facts) {
        List<Fact> effective = facts.of(EFFECTIVE);
        if (effective.isEmpty()) {
            return Optional.empty();
        }
        Fact t = effective.get(effective.size() - 1);
        BigDecimal paid = facts.of(PAYMENT).stream().map(Fact::getAmount).filter(a -> a != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("解除方", "client".equals(t.getSubject()) ? "甲方解除" : "乙方解除");
        summary.put("解除生效日", t.getDate().toString());
        summary.put("解除通知日", t.getAttributes().getOrDefault("noticeDate", "（未记录）"));
        summary.put("依据事实", t.getId());
        summary.put("已收合同款", Money.yuan(paid));
        return Optional.of(new Termination(t.getDate(), summary, "一般条款十四.2：每日的合同款 = 年度合同款 ÷ 365 天，"
                + "乙方按日返还解除之日以后的合同款，于收到解除通知后 30 日内完成。"));
    }

    @Override
    public String notTerminated() {
        return "没有 " + EFFECTIVE + "（合同解除生效）事实";
    }
}
