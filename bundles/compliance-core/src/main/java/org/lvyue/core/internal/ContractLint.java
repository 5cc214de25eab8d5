package org.lvyue.core.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.lvyue.api.calendar.CalendarYearMissingException;
import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Interpretation;
import org.lvyue.api.contract.LintItem;
import org.lvyue.api.contract.Term;
import org.lvyue.api.finding.Severity;

/**
 * The contradictions and gaps of a contract definition, before any fact: what a contract
 * administrator wants pointed out when the contract is loaded. Each check reads only the
 * definition and the working-day calendar.
 */
final class ContractLint {
    private final WorkingCalendar calendar;

    ContractLint(WorkingCalendar calendar) {
        this.calendar = calendar;
    }

    List<LintItem> check(Contract c) {
        List<LintItem> items = new ArrayList<>();
        calendarCoversThePeriod(c, items);
        signedAfterTheServiceStarted(c, items);
        bondDueAfterItsValidity(c, items);
        paymentDueBeforeItsPreconditions(c, items);
        onSiteHoursDiffer(c, items);
        for (Interpretation i : c.interpretations()) {
            openPoint(i, items);
        }
        return items;
    }

    private void calendarCoversThePeriod(Contract c, List<LintItem> items) {
        for (int year = c.periodStart().getYear(); year <= c.periodEnd().getYear() + 1; year++) {
            if (!calendar.years().contains(year)) {
                items.add(new LintItem("calendar-year-missing", Severity.HIGH, List.of("一般条款 五", "一般条款 七.2"),
                        List.of("periodStart", "periodEnd"), "工作日历缺少 " + year + " 年的数据",
                        "服务期 " + c.periodStart() + " 至 " + c.periodEnd() + "，工作日期限可能延至次年；工作日历现有年份："
                                + calendar.years() + "。缺少的年份中，按工作日计算的期限将无法计算并报错。"));
            }
        }
    }

    private static void signedAfterTheServiceStarted(Contract c, List<LintItem> items) {
        if (c.signedOn() != null && c.signedOn().isAfter(c.periodStart())) {
            items.add(new LintItem("signed-after-service-start", Severity.MEDIUM, List.of("合同书 七", "一般条款 二"),
                    List.of("signedOn", "periodStart"), "合同签订日晚于服务期开始日（补签）",
                    "签订日 " + c.signedOn() + "，服务期自 " + c.periodStart() + " 起；签订前 "
                            + java.time.temporal.ChronoUnit.DAYS.between(c.periodStart(), c.signedOn())
                            + " 天的服务依据何种约定履行、按日计算的期限自何日起算，合同未说明。"));
        }
    }

    private Optional<LocalDate> bondDue(Contract c) {
        return bondDue(c, calendar);
    }

    /**
     * 一般条款 五: the day the performance bond is due, the N-th working day after signing ({@code dueWorkingDaysAfterSigning}),
     * as the bond's rule counts it; empty without the term, a signing day, or a calendar of those days.
     */
    static Optional<LocalDate> bondDue(Contract c, WorkingCalendar calendar) {
        Optional<Term> bond = c.term("performanceBond");
        if (bond.isEmpty() || c.signedOn() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(calendar.plusWorkingDays(c.signedOn(), bond.get().integer("dueWorkingDaysAfterSigning")));
        } catch (CalendarYearMissingException e) {
            return Optional.empty(); // reported by calendarCoversThePeriod
        }
    }

    private void bondDueAfterItsValidity(Contract c, List<LintItem> items) {
        Optional<LocalDate> due = bondDue(c);
        if (due.isEmpty()) {
            return;
        }
        Term bond = c.term("performanceBond").orElseThrow();
        LocalDate validUntil = bond.date("validUntil");
        if (due.get().isAfter(validUntil)) {
            items.add(new LintItem("bond-due-after-validity", Severity.HIGH, List.of(bond.clause()),
                    List.of("signedOn", "terms.performanceBond.dueWorkingDaysAfterSigning", "terms.performanceBond.validUntil"),
                    "履约保函的提交期限晚于其有效截止日",
                    "签订日 " + c.signedOn() + " 后 " + bond.text("dueWorkingDaysAfterSigning") + " 个工作日为 " + due.get()
                            + "（按国务院节假日安排），而保函有效截止日为 " + validUntil + "：按期提交的保函可能已无效。"));
        }
    }

    private void paymentDueBeforeItsPreconditions(Contract c, List<LintItem> items) {
        Optional<Term> payment = c.term("payment");
        Optional<LocalDate> bondDue = bondDue(c);
        if (payment.isEmpty() || bondDue.isEmpty()) {
            return;
        }
        LocalDate dueBy = payment.get().date("dueBy");
        if (bondDue.get().isAfter(dueBy)) {
            items.add(new LintItem("payment-due-before-bond", Severity.MEDIUM, List.of(payment.get().clause(), "一般条款 五"),
                    List.of("terms.payment.dueBy", "terms.performanceBond.dueWorkingDaysAfterSigning"),
                    "付款期限早于履约保函的提交期限",
                    "甲方应在收到保函后于 " + dueBy + " 前付款，而乙方可在 " + bondDue.get()
                            + " 前提交保函；逾期付款自何日起算取决于解释项 payment.dueDate。"));
        }
    }

    private static void onSiteHoursDiffer(Contract c, List<LintItem> items) {
        c.term("onSiteHours").ifPresent(t -> {
            if (!t.text("annex2").equals(t.text("annex3"))) {
                items.add(new LintItem("on-site-hours-differ", Severity.MEDIUM, List.of("附件二 7", "附件三 x.x.6"),
                        List.of("terms.onSiteHours.annex2", "terms.onSiteHours.annex3"), "驻场时间前后不一致",
                        "附件二约定 " + t.text("annex2") + "（天 × 小时），附件三约定 " + t.text("annex3")
                                + "；考核人员在岗情况时需明确以哪一个为准。"));
            }
        });
    }

    /**
     * Every open point, with the reading in force: the default, or one the definition chose. A chosen reading is
     * listed as such with its reason; one chosen without a reason is flagged, since the report must say why.
     */
    private static void openPoint(Interpretation i, List<LintItem> items) {
        String options = "；可选：" + String.join("、", i.options()) + "。";
        List<String> fields = List.of("interpretations." + i.id());
        if (i.isDefault()) {
            items.add(new LintItem("open-point:" + i.id(), Severity.INFO, List.of(i.clause()), fields,
                    "合同未明确：" + i.title(), "采用：" + i.value() + "（默认）" + options));
        } else if (i.reason() != null) {
            items.add(new LintItem("chosen-reading:" + i.id(), Severity.INFO, List.of(i.clause()), fields,
                    "合同定义选定的解读：" + i.title(), "采用：" + i.value() + "（合同定义指定，默认为 " + i.defaultValue()
                            + "）；理由：" + i.reason() + options));
        } else {
            items.add(new LintItem("chosen-reading:" + i.id(), Severity.LOW, List.of(i.clause()), fields,
                    "合同定义选定的解读未说明理由：" + i.title(), "采用：" + i.value() + "（合同定义指定，默认为 "
                            + i.defaultValue() + "），但未写明理由（interpretations." + i.id()
                            + " 可写作 {\"value\": …, \"reason\": …}）" + options));
        }
    }
}
