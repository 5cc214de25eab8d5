package org.lvyue.api.spi;

import org.lvyue.api.finding.Severity;

/**
 * One thing the supplier must do, as the domain's catalogue lists it. Rules join obligations with
 * facts, so most checks are data, not code.
 *
 * @param id              stable id, e.g. {@code drill.report}
 * @param domain          owning domain id
 * @param title           the contract's own words, in Chinese
 * @param clause          where the contract says so, e.g. {@code 附件二 5}
 * @param frequency       how often it falls due
 * @param count           how many times per period (1 for "once a year")
 * @param evidenceKind    the fact kind that proves it
 * @param evidenceSubject the subject that fact must carry, or null for any
 * @param severity        how grave a miss is
 * @param due             when it falls due within its period or after its anchor event
 */
public record Obligation(String id, String domain, String title, String clause, Frequency frequency, int count,
                         String evidenceKind, String evidenceSubject, Severity severity, DueRule due) {

    /**
     * When an obligation is due. Without an anchor, it is due by the end of its period; with one, it
     * is due {@code offsetDays} after (negative: before) the date of the first fact of kind
     * {@code anchorKind} in the period, and by the end of the period at the latest.
     *
     * @param anchorKind  the fact kind the deadline hangs off, or null
     * @param offsetDays  days after the anchor (0 = the same day; negative = before)
     * @param workingDays whether offsetDays counts working days (official calendar) or calendar days
     */
    public record DueRule(String anchorKind, int offsetDays, boolean workingDays) {
        public static final DueRule END_OF_PERIOD = new DueRule(null, 0, false);
    }
}
