package org.lvyue.rules.terms;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.contract.Term;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.ledger.Money;

/**
 * 一般条款 七.2, the client's late payment: "从逾期支付的第 31 个工作日起，每日按迟延支付金额的 0.5%
 * 向乙方支付违约金。此项违约金总额不超过迟延支付价款的 5%。"
 *
 * <p>Day k of the delay is the k-th working day after the due date, so interest runs from
 * {@code plusWorkingDays(due, graceWorkingDays + 1)}. Each part of the late amount accrues until the
 * day it is paid (or until the evaluation day while unpaid). Whether the days from then on are
 * calendar or working days, and whether the payment day itself counts, are interpretations
 * ({@code latePayment.dayCount}, {@code latePayment.paymentDayCounts}). The total is capped at
 * {@code capRate} of the late amount and rounded once, at the end.
 *
 * @param due          the payment due date
 * @param interestFrom the first day interest accrues (the 31st working day of delay)
 * @param lateAmount   what was not paid by the due date
 * @param parts        each part of the late amount with its end day and counted days
 * @param uncapped     the interest before the cap, exact
 * @param cap          the cap, exact
 * @param interest     the interest owed, rounded to the fen
 * @param outstanding  still unpaid on the evaluation day
 * @param daysLate     calendar days from the due date to the last payment, or to the evaluation day while unpaid
 */
public record LatePayment(LocalDate due, LocalDate interestFrom, BigDecimal lateAmount, List<Part> parts,
                          BigDecimal uncapped, BigDecimal cap, BigDecimal interest, BigDecimal outstanding,
                          long daysLate) {

    /** One part of the late amount: paid on {@code end} (or unpaid as of it), accruing {@code days} days. */
    public record Part(BigDecimal amount, LocalDate end, boolean paid, long days, BigDecimal interest) {
    }

    public boolean capped() {
        return uncapped.compareTo(cap) > 0;
    }

    public static LatePayment compute(BigDecimal amountDue, LocalDate due, List<Fact> payments, LocalDate asOf,
                                      Term term, boolean workingDayCount, boolean paymentDayCounts,
                                      WorkingCalendar calendar) {
        List<Fact> sorted = new ArrayList<>(payments);
        sorted.sort(Comparator.naturalOrder());
        BigDecimal paidOnTime = BigDecimal.ZERO;
        for (Fact p : sorted) {
            if (!p.getDate().isAfter(due)) {
                paidOnTime = paidOnTime.add(p.getAmount());
            }
        }
        BigDecimal late = amountDue.subtract(paidOnTime).max(BigDecimal.ZERO);
        LocalDate from = calendar.plusWorkingDays(due, term.integer("graceWorkingDays") + 1);
        BigDecimal dailyRate = term.decimal("dailyRate");
        BigDecimal remaining = late;
        List<Part> parts = new ArrayList<>();
        BigDecimal uncapped = BigDecimal.ZERO;
        LocalDate lastDay = due;
        for (Fact p : sorted) {
            if (remaining.signum() == 0) {
                break;
            }
            if (!p.getDate().isAfter(due)) {
                continue;
            }
            BigDecimal part = p.getAmount().min(remaining);
            remaining = remaining.subtract(part);
            long days = days(from, p.getDate(), workingDayCount, paymentDayCounts, calendar);
            BigDecimal interest = part.multiply(dailyRate).multiply(BigDecimal.valueOf(days));
            parts.add(new Part(part, p.getDate(), true, days, interest));
            uncapped = uncapped.add(interest);
            lastDay = p.getDate();
        }
        if (remaining.signum() > 0) {
            long days = asOf.isAfter(due) ? days(from, asOf, workingDayCount, paymentDayCounts, calendar) : 0;
            BigDecimal interest = remaining.multiply(dailyRate).multiply(BigDecimal.valueOf(days));
            parts.add(new Part(remaining, asOf, false, days, interest));
            uncapped = uncapped.add(interest);
            lastDay = asOf.isAfter(due) ? asOf : due;
        }
        BigDecimal cap = late.multiply(term.decimal("capRate"));
        BigDecimal interest = Money.fen(uncapped.min(cap));
        return new LatePayment(due, from, late, List.copyOf(parts), uncapped, cap, interest, remaining,
                ChronoUnit.DAYS.between(due, lastDay));
    }

    /** Days accruing from {@code from} up to {@code end}: the end day itself only if it counts. */
    private static long days(LocalDate from, LocalDate end, boolean workingDayCount, boolean endCounts,
                             WorkingCalendar calendar) {
        LocalDate last = endCounts ? end : end.minusDays(1);
        if (last.isBefore(from)) {
            return 0;
        }
        return workingDayCount
                ? calendar.workingDaysBetween(from.minusDays(1), last)
                : ChronoUnit.DAYS.between(from, last) + 1;
    }

    /** The parts in words, for the ledger's inputs. */
    public String describeParts() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (sb.length() > 0) {
                sb.append("；");
            }
            sb.append(Money.yuan(p.amount())).append(p.paid() ? " 于 " + p.end() + " 支付" : " 截至 " + p.end() + " 未付")
                    .append("，计 ").append(p.days()).append(" 天");
        }
        return sb.toString();
    }
}
