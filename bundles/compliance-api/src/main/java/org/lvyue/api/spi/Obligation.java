package org.lvyue.api.spi;

import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lvyue.api.calendar.Deadline;
import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Interpretation;
import org.lvyue.api.finding.Severity;

/**
 * One thing the supplier must do, as the domain's catalogue lists it. Rules join obligations with
 * facts, so most checks are data, not code: the standard obligation rules hold every CHECK, TASK and
 * DELIVERABLE of every catalogue against the facts, and a domain bundle adds rules only for what
 * does not fit those shapes.
 *
 * @param id              stable id, e.g. {@code ia.d05}
 * @param domain          owning domain id
 * @param title           the contract's own words, in Chinese
 * @param clause          where the contract says so, e.g. {@code 附件三 1.1.1(一) 5)}
 * @param frequency       how often it falls due
 * @param count           how many times per period (1 for "once a year"); for a ROLE, the head count
 * @param evidenceKind    the fact kind that proves it
 * @param evidenceSubject the subject that fact must carry, or null for any
 * @param severity        how grave a miss is
 * @param due             when it falls due within its period or after its anchor event
 * @param category        what kind of duty it is (null for a domain's own kinds, handled by its own rules)
 * @param followUpKind    for a CHECK: the fact kind that must follow an abnormal result (a fault record)
 * @param trigger         for a PER_EVENT CHECK: {@code holiday} (before and after each public holiday) or
 *                        {@code special-period} (every day of a period the client declares); for a PER_EVENT ROLE:
 *                        {@code special-period} (the people added for each declared period, {@code count} of each
 *                        role in {@code params.roles})
 * @param params          further values of the obligation (e.g. {@code minYears} of a ROLE), as text
 */
public record Obligation(String id, String domain, String title, String clause, Frequency frequency, int count,
                         String evidenceKind, String evidenceSubject, Severity severity, DueRule due,
                         Category category, String followUpKind, String trigger, Map<String, String> params) {

    /**
     * The param naming the contract interpretation whose reading (e.g. {@code 5-working-days}, {@code 15-days}) sets
     * the obligation's deadline where the contract is silent; {@link #due} then holds the default for tools that
     * cannot read a contract.
     */
    public static final String DUE_INTERPRETATION = "dueInterpretation";

    private static final Pattern PERIOD_READING = Pattern.compile("(\\d+)-(working-days|days)");

    public Obligation {
        due = due == null ? DueRule.END_OF_PERIOD : due;
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /**
     * The period this obligation grants after {@code from} (its reporting period's end, or its anchor fact's date), as
     * the calendar counts it: working days, or calendar days as the civil code counts them
     * ({@link WorkingCalendar#days}). Where the obligation defers to an interpretation ({@value #DUE_INTERPRETATION}),
     * the contract's reading gives the length and unit. Due on the day itself ({@code before}, or no offset) is that
     * day, never moved.
     *
     * @throws IllegalStateException when the contract lacks the interpretation or its reading is not a period
     */
    public Deadline deadlineAfter(LocalDate from, Contract contract) {
        int days = due.offsetDays();
        boolean working = due.workingDays();
        String id = params.get(DUE_INTERPRETATION);
        if (id != null) {
            Interpretation reading = contract.interpretation(id).orElseThrow(() -> new IllegalStateException(
                    this.id + " 的期限依据解释项 " + id + "，合同定义中没有该解释项 / " + this.id
                            + ": the contract has no interpretation " + id));
            Matcher m = PERIOD_READING.matcher(reading.value());
            if (!m.matches()) {
                throw new IllegalStateException("解释项 " + id + " 的取值 " + reading.value() + " 不是期限（如 5-working-days）/ "
                        + id + "=" + reading.value() + " is not a period");
            }
            days = Integer.parseInt(m.group(1));
            working = m.group(2).equals("working-days");
        }
        if (days == 0 || due.before()) {
            return new Deadline(from, 0, Deadline.Unit.CALENDAR_DAYS, from, from, null);
        }
        return working ? WorkingCalendar.china().workingDays(from, days) : WorkingCalendar.china().days(from, days);
    }

    /** The override key that drops an obligation from a contract: {@code "applies": "false"}. */
    public static final String APPLIES = "applies";

    /**
     * This obligation as a contract sets it differently from the catalogue ({@link
     * org.lvyue.api.contract.ContractService#overrides}): {@code frequency} (a {@link Frequency} name), {@code count}
     * (a whole number, at least 1; at least 0 for a ROLE), {@code severity} (a {@link Severity} name), or a key of
     * {@link #params} (a whole number where the catalogue's value is one, else non-empty text). {@value #APPLIES} is
     * not read here: the caller drops the obligation.
     *
     * @throws IllegalArgumentException naming the parameter and the reason, Chinese first, for an unknown parameter
     *                                  or a value of the wrong type
     */
    public Obligation overriddenBy(Map<String, String> overrides) {
        Frequency f = frequency;
        int n = count;
        Severity sev = severity;
        Map<String, String> p = new java.util.LinkedHashMap<>(params);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String key = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue().strip();
            switch (key) {
                case APPLIES -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw new IllegalArgumentException(APPLIES + ": 应为 true 或 false，而不是 '" + value + "'");
                    }
                }
                case "frequency" -> f = constant(Frequency.class, key, value);
                case "severity" -> sev = constant(Severity.class, key, value);
                case "count" -> n = whole(key, value, category == Category.ROLE ? 0 : 1);
                default -> {
                    String was = params.get(key);
                    if (was == null) {
                        throw new IllegalArgumentException(key + ": 义务 " + id + " 没有此参数；可改的参数：frequency、count、severity、"
                                + APPLIES + (params.isEmpty() ? "" : "、" + String.join("、", new java.util.TreeSet<>(params.keySet()))));
                    }
                    if (was.strip().matches("\\d+")) {
                        whole(key, value, 0);
                    } else if (value.isEmpty()) {
                        throw new IllegalArgumentException(key + ": 不能为空");
                    }
                    p.put(key, value);
                }
            }
        }
        return new Obligation(id, domain, title, clause, f, n, evidenceKind, evidenceSubject, sev, due, category,
                followUpKind, trigger, p);
    }

    /** Whether a contract's overrides drop this obligation. */
    public static boolean dropped(Map<String, String> overrides) {
        return "false".equals(overrides.get(APPLIES) == null ? null : overrides.get(APPLIES).strip());
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String key, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": 取值应为 " + java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .collect(java.util.stream.Collectors.joining("、")) + "，而不是 '" + value + "'", e);
        }
    }

    private static int whole(String key, String value, int min) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(key + ": 应为不小于 " + min + " 的整数，而不是 '" + value + "'");
    }

    /** An obligation of the domain's own kind, without category (the shape of the first catalogues). */
    public Obligation(String id, String domain, String title, String clause, Frequency frequency, int count,
                      String evidenceKind, String evidenceSubject, Severity severity, DueRule due) {
        this(id, domain, title, clause, frequency, count, evidenceKind, evidenceSubject, severity, due, null, null,
                null, Map.of());
    }

    public enum Category {
        /** An inspection item: performed once per period, and an abnormal result needs a follow-up record. */
        CHECK,
        /** A periodic piece of work (a yearly certificate replacement, a quarterly configuration check). */
        TASK,
        /** A document to submit: due after its period (or its anchor event), may be rejected. */
        DELIVERABLE,
        /**
         * A staffing role: a head count and qualifications; with trigger {@code special-period}, the people to add
         * for each period the client declares (held by the standard rules).
         */
        ROLE,
        /**
         * A security baseline check held by its domain's own rules, with the metadata of InSpec or
         * OpenSCAP checks in {@code params}: rationale, remediation, references, thresholds.
         */
        BASELINE
    }

    /**
     * When an obligation is due. Without an anchor, it is due {@code offsetDays} after the end of its
     * period (0: by the end of the period); with one, {@code offsetDays} after the date of the anchor
     * fact (of kind {@code anchorKind}, and subject {@code anchorSubject} when given).
     *
     * @param anchorKind    the fact kind the deadline hangs off, or null
     * @param offsetDays    days after the anchor or the period's end (0 = the same day)
     * @param workingDays   whether offsetDays counts working days (official calendar) or calendar days
     * @param anchorSubject the anchor fact's subject, or null for any
     * @param before        the evidence must come on or before the anchor's day (a check before a launch)
     */
    public record DueRule(String anchorKind, int offsetDays, boolean workingDays, String anchorSubject, boolean before) {
        public static final DueRule END_OF_PERIOD = new DueRule(null, 0, false, null, false);

        public DueRule(String anchorKind, int offsetDays, boolean workingDays) {
            this(anchorKind, offsetDays, workingDays, null, false);
        }
    }
}
