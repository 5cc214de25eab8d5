package org.lvyue.rules.terms;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.stream.Collectors;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Interpretation;
import org.lvyue.api.contract.Term;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.ledger.Money;

/** The arithmetic of the general terms, kept out of the DRL so it can be tested and read on its own. */
public final class Amounts {
    private Amounts() {
    }

    /** The sum of the facts' amounts (zero for none). */
    public static BigDecimal sum(Collection<?> facts) {
        BigDecimal total = BigDecimal.ZERO;
        for (Object o : facts) {
            total = total.add(((Fact) o).getAmount());
        }
        return total;
    }

    /**
     * 一般条款 四.2: the client pays "after receiving the invoice and the performance bond", within the
     * year. With {@code later-of-due-invoice-bond} the due date is the latest of the agreed date, the
     * first invoice and the first bond; without an invoice there is no due date at all (四.3: no
     * invoice, no liability for late payment). With {@code fixed-due-date} it is the agreed date.
     */
    public static LocalDate paymentDue(Term payment, Interpretation rule, LocalDate firstInvoice, LocalDate firstBond) {
        LocalDate agreed = payment.date("dueBy");
        if (rule.is("fixed-due-date")) {
            return agreed;
        }
        if (firstInvoice == null || firstBond == null) {
            return null;
        }
        LocalDate due = agreed;
        if (firstInvoice.isAfter(due)) {
            due = firstInvoice;
        }
        if (firstBond.isAfter(due)) {
            due = firstBond;
        }
        return due;
    }

    /** The facts' subjects, in date order, joined for a finding's text: e.g. {@code 2022-05、2022-06}. */
    public static String subjects(Collection<?> facts) {
        return facts.stream().map(o -> (Fact) o).sorted(Comparator.comparing(Fact::getDate))
                .map(Fact::getSubject).distinct().collect(Collectors.joining("、"));
    }

    /** The earliest date among the facts, or null. */
    public static LocalDate firstDate(Collection<?> facts) {
        LocalDate first = null;
        for (Object o : facts) {
            LocalDate d = ((Fact) o).getDate();
            if (first == null || d.isBefore(first)) {
                first = d;
            }
        }
        return first;
    }

    /**
     * 一般条款 十四.2: daily fee = A ÷ divisor; the refund covers the days after the termination date up to
     * the end of the service period, and never more than the fees received. {@code money.rounding}
     * chooses one rounding at the end (default) or the daily fee rounded to the fen first.
     */
    public static BigDecimal refund(Contract c, Term termination, Interpretation rounding, LocalDate terminatedOn,
                                    BigDecimal received) {
        BigDecimal amount = prorated(c, daysAfter(c, terminatedOn), termination.integer("dailyFeeDivisor"), rounding);
        return Money.fen(amount.min(received));
    }

    /** Days of the service period after {@code terminatedOn} (zero when it is on or after the period's end). */
    public static long daysAfter(Contract c, LocalDate terminatedOn) {
        return Math.max(0, ChronoUnit.DAYS.between(terminatedOn, c.periodEnd()));
    }

    /** 一般条款 十六: the first day served after expiry, the day after the service period ends. */
    public static LocalDate firstDayAfterExpiry(Contract c) {
        return c.periodEnd().plusDays(1);
    }

    /** 一般条款 十六: days served after expiry. */
    public static long daysServedAfterExpiry(Contract c, LocalDate lastDayServed) {
        return Math.max(0, ChronoUnit.DAYS.between(c.periodEnd(), lastDayServed));
    }

    /** The days of the year used as the divisor after expiry: 365, or the actual length of the year served. */
    public static int daysInYear(Interpretation rule, LocalDate lastDayServed) {
        return rule.is("actual") ? Year.of(lastDayServed.getYear()).length() : 365;
    }

    /** 一般条款 十六: fee = days served ÷ days in year × A, rounded per {@code money.rounding}. */
    public static BigDecimal afterExpiryFee(Contract c, Interpretation rounding, long days, int daysInYear) {
        return prorated(c, days, daysInYear, rounding);
    }

    /**
     * A × days ÷ divisor, rounded to the fen: exactly and once at the end, or, under
     * {@code money.rounding=daily-fee-first}, with the daily fee A ÷ divisor rounded first.
     */
    static BigDecimal prorated(Contract c, long days, int divisor, Interpretation rounding) {
        BigDecimal d = BigDecimal.valueOf(divisor);
        return Money.fen(rounding.is("daily-fee-first")
                ? Money.fen(Money.divide(c.amount(), d)).multiply(BigDecimal.valueOf(days))
                : Money.divide(c.amount().multiply(BigDecimal.valueOf(days)), d));
    }

    /**
     * 一般条款 九.2: the day the contract ended, from which the 30 days for the results run: the first
     * termination, or (with {@code results.anchor=termination-or-expiry}) the end of the service period.
     */
    public static LocalDate resultsAnchor(Contract c, Interpretation anchor, Collection<?> terminations) {
        LocalDate terminated = firstDate(terminations);
        if (terminated != null) {
            return terminated;
        }
        return anchor.is("termination-or-expiry") ? c.periodEnd() : null;
    }

    /** Days served from the start of the service period to {@code terminatedOn} (at most its end), both included. */
    public static long daysServed(Contract c, LocalDate terminatedOn) {
        LocalDate last = terminatedOn.isAfter(c.periodEnd()) ? c.periodEnd() : terminatedOn;
        return Math.max(0, ChronoUnit.DAYS.between(c.periodStart(), last) + 1);
    }

    /**
     * 一般条款 七.2: on terminating for non-payment the supplier recovers the fee for the part performed,
     * at the daily fee of 十四.2 (A ÷ divisor), rounded per {@code money.rounding}.
     */
    public static BigDecimal servedFee(Contract c, Term termination, Interpretation rounding, LocalDate terminatedOn) {
        return prorated(c, daysServed(c, terminatedOn), termination.integer("dailyFeeDivisor"), rounding);
    }
}
