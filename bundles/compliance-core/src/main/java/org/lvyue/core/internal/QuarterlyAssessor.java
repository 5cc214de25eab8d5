package org.lvyue.core.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.lvyue.api.assessment.DeductionScheme;
import org.lvyue.api.assessment.MonthlyAttainment;
import org.lvyue.api.assessment.QuarterlyAssessment;
import org.lvyue.api.assessment.QuarterlyAssessment.DomainLine;
import org.lvyue.api.assessment.QuarterlyAssessment.Result;
import org.lvyue.api.assessment.QuarterlyAssessment.SupportLine;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Interpretation;
import org.lvyue.api.contract.Term;
import org.lvyue.api.engine.ReportingPeriod;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.spi.AssessmentInputs;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.Obligation;
import org.lvyue.api.spi.Obligation.Category;

/**
 * Builds a quarter's assessment from what the rules recorded: the catalogues say what fell due, the
 * findings (with their occurrences and waivers) say what was missed, the requests and late-response
 * findings a catalogue declares ({@link AssessmentInputs}) give the response attainment, and the
 * contract's {@code assessment.scheme} gives the result. It computes no violation itself, so the
 * assessment can never disagree with the findings, and names no domain: what it reads of one, the
 * domain's catalogue declares.
 */
final class QuarterlyAssessor {
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    /** The period label a "not done in its period" finding carries, per obligation frequency. */
    private static final Map<Frequency, Pattern> MISSED_LABEL = Map.of(
            Frequency.DAILY, Pattern.compile("\\d{4}-\\d{2}"),
            Frequency.WEEKLY, Pattern.compile("\\d{4}-W\\d{2}"),
            Frequency.MONTHLY, Pattern.compile("\\d{4}-\\d{2}"),
            Frequency.QUARTERLY, Pattern.compile("\\d{4}-Q\\d"),
            Frequency.YEARLY, Pattern.compile("\\d{4}"));
    private static final Set<Category> PERIODIC = Set.of(Category.CHECK, Category.TASK, Category.DELIVERABLE);

    static LocalDate[] range(Contract c, String quarter) {
        var m = QUARTER.matcher(quarter == null ? "" : quarter);
        if (!m.matches()) {
            return null;
        }
        LocalDate from = LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
        return clip(c, from, from.plusMonths(3).minusDays(1));
    }

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");

    /** The days of {@code month} ({@code 2022-07}) within the service period, or null when malformed or outside. */
    static LocalDate[] monthRange(Contract c, String month) {
        var m = MONTH.matcher(month == null ? "" : month);
        if (!m.matches()) {
            return null;
        }
        LocalDate from = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
        return clip(c, from, from.plusMonths(1).minusDays(1));
    }

    private static LocalDate[] clip(Contract c, LocalDate from, LocalDate to) {
        if (to.isBefore(c.periodStart()) || from.isAfter(c.periodEnd())) {
            return null;
        }
        return new LocalDate[] {from.isBefore(c.periodStart()) ? c.periodStart() : from, to.isAfter(c.periodEnd()) ? c.periodEnd() : to};
    }

    /** The stored facts of a kind dated from {@code from} to {@code to}, in date order. */
    @FunctionalInterface
    interface FactsOfKind {
        List<Fact> of(String kind, LocalDate from, LocalDate to);
    }

    /** The month, reading the requests the catalogues declare. */
    static MonthlyAttainment month(Contract c, String month, LocalDate from, LocalDate to, LocalDate asOf,
                                   List<DomainCatalogue> catalogues, List<FindingRecord> findings, FactsOfKind facts,
                                   long ruleSetVersion) {
        return month(c, month, from, to, asOf, catalogues, findings, requests(catalogues, facts, from, to), ruleSetVersion);
    }

    /** The month, {@code requests} being the facts of the kind the catalogues declare as requests. */
    static MonthlyAttainment month(Contract c, String month, LocalDate from, LocalDate to, LocalDate asOf,
                                   List<DomainCatalogue> catalogues, List<FindingRecord> findings, List<Fact> requests,
                                   long ruleSetVersion) {
        return new MonthlyAttainment(c.id(), month, from, to, asOf, lines(c, from, to, asOf, catalogues, findings),
                support(catalogues, findings, requests, from, to), ruleSetVersion);
    }

    /** The quarter, reading the requests and the evaluator's verdicts the catalogues declare. */
    static QuarterlyAssessment assess(Contract c, String quarter, LocalDate from, LocalDate to, LocalDate asOf,
                                      List<DomainCatalogue> catalogues, List<FindingRecord> findings, FactsOfKind facts,
                                      long ruleSetVersion) {
        // a verdict comes after its quarter: up to three months after it
        List<Fact> verdicts = catalogues.stream().map(k -> k.assessment().verdictKind()).filter(java.util.Objects::nonNull)
                .distinct().flatMap(k -> facts.of(k, from, to.plusMonths(3)).stream()).toList();
        return assess(c, quarter, from, to, asOf, catalogues, findings, requests(catalogues, facts, from, to), verdicts,
                ruleSetVersion);
    }

    /** The quarter, {@code requests} and {@code verdicts} being the facts of the kinds the catalogues declare. */
    static QuarterlyAssessment assess(Contract c, String quarter, LocalDate from, LocalDate to, LocalDate asOf,
                                      List<DomainCatalogue> catalogues, List<FindingRecord> findings,
                                      List<Fact> requests, List<Fact> verdicts, long ruleSetVersion) {
        List<DomainLine> lines = lines(c, from, to, asOf, catalogues, findings);
        SupportLine support = support(catalogues, findings, requests, from, to);
        Set<String> unscored = new java.util.HashSet<>();
        catalogues.stream().filter(k -> !k.assessment().scored()).forEach(k -> unscored.add(k.domain()));
        Interpretation scheme = c.interpretation("assessment.scheme").orElse(null);
        Term marks = c.term("quarterlyAssessment").orElse(null);
        if (scheme != null && scheme.is("deduction-score") && marks != null) {
            int score = DeductionScheme.FULL_MARKS;
            for (FindingRecord r : findings) {
                var f = r.finding();
                if (r.status() == FindingStatus.OPEN && !unscored.contains(f.getDomain())
                        && !f.getPeriodStart().isBefore(from) && !f.getPeriodEnd().isAfter(to)) {
                    score -= DeductionScheme.deduction(marks, f.getSeverity());
                }
            }
            int passMark = marks.integer("passMark");
            return new QuarterlyAssessment(c.id(), quarter, from, to, asOf, scheme, score < passMark ? Result.FAIL : Result.PASS,
                    score, passMark, null, lines, support, ruleSetVersion);
        }
        Fact verdict = verdicts.stream().filter(v -> quarter.equals(v.getSubject())).reduce((a, b) -> b).orElse(null);
        Result result = verdict == null ? Result.PENDING : "fail".equals(verdict.getStatus()) ? Result.FAIL : Result.PASS;
        return new QuarterlyAssessment(c.id(), quarter, from, to, asOf, scheme, result, null, null,
                verdict == null ? null : verdict.getId(), lines, support, ruleSetVersion);
    }

    /** Per domain: the periodic obligations' periods that ended in [from, to] before asOf, and the findings against them. */
    static List<DomainLine> lines(Contract c, LocalDate from, LocalDate to, LocalDate asOf,
                                          List<DomainCatalogue> catalogues, List<FindingRecord> findings) {
        boolean everyDay = c.interpretation("checks.dailyOn").map(i -> i.is("every-day")).orElse(false);
        List<ReportingPeriod> periods = ReportingPeriod.of(c).stream()
                .filter(p -> !p.end().isBefore(from) && !p.end().isAfter(to) && p.end().isBefore(asOf)).toList();
        List<DomainLine> lines = new ArrayList<>();
        for (DomainCatalogue cat : catalogues) {
            List<Obligation> periodic = cat.obligations().stream()
                    .filter(o -> o.category() != null && PERIODIC.contains(o.category()) && o.frequency() != Frequency.PER_EVENT)
                    .toList();
            int due = 0;
            for (Obligation o : periodic) {
                due += (int) periods.stream().filter(p -> p.frequency() == o.frequency())
                        // a week without a working day is due under either reading of checks.weeklyInRestWeek
                        .filter(p -> o.frequency() != Frequency.DAILY || everyDay || p.workingDays() != 0).count();
            }
            int missed = 0;
            int waived = 0;
            List<String> open = new ArrayList<>();
            for (FindingRecord r : findings) {
                var f = r.finding();
                if (!f.getDomain().equals(cat.domain()) || r.status() == FindingStatus.RESOLVED
                        || f.getPeriodEnd().isBefore(from) || f.getPeriodEnd().isAfter(to)) {
                    continue;
                }
                open.add(f.getKey());
                Obligation o = periodic.stream().filter(x -> x.id().equals(f.getObligationId())).findFirst().orElse(null);
                if (o != null && MISSED_LABEL.get(o.frequency()).matcher(f.getPeriodLabel()).matches()) {
                    if (r.status() == FindingStatus.WAIVED) {
                        waived += f.getOccurrences();
                    } else {
                        missed += f.getOccurrences();
                    }
                }
            }
            if (periodic.isEmpty() && open.isEmpty()) {
                continue;
            }
            lines.add(new DomainLine(cat.domain(), cat.title(), periodic.size(), due,
                    Math.max(0, due - missed - waived), missed, waived, open));
        }
        return lines;
    }

    /** The facts of [from, to] of every kind a catalogue declares as requests. */
    static List<Fact> requests(List<DomainCatalogue> catalogues, FactsOfKind facts, LocalDate from, LocalDate to) {
        return catalogues.stream().map(k -> k.assessment().requests()).filter(java.util.Objects::nonNull)
                .map(AssessmentInputs.Requests::kind).distinct().flatMap(k -> facts.of(k, from, to).stream()).toList();
    }

    private static SupportLine support(List<DomainCatalogue> catalogues, List<FindingRecord> findings, List<Fact> requests,
                                       LocalDate from, LocalDate to) {
        LateRequests l = lateRequests(catalogues, findings, from, to);
        Set<String> late = new java.util.HashSet<>(l.phone());
        late.addAll(l.onsite());
        int n = requests.size();
        double attainment = n == 0 ? 100.0 : Math.round(1000.0 * (n - late.size()) / n) / 10.0;
        return new SupportLine(n, l.phone().size(), l.onsite().size(), attainment);
    }

    /** The ids of the requests not called back ({@code phone}) or attended ({@code onsite}) in time. */
    record LateRequests(Set<String> phone, Set<String> onsite) {
    }

    /**
     * The requests of [from, to] that a finding (not a mere warning) of a late-response obligation a
     * catalogue declares says were late.
     */
    static LateRequests lateRequests(List<DomainCatalogue> catalogues, List<FindingRecord> findings, LocalDate from, LocalDate to) {
        Set<String> phoneLate = new java.util.HashSet<>();
        Set<String> onsiteLate = new java.util.HashSet<>();
        for (DomainCatalogue cat : catalogues) {
            AssessmentInputs.Requests declared = cat.assessment().requests();
            if (declared == null) {
                continue;
            }
            for (FindingRecord r : findings) {
                var f = r.finding();
                if (!cat.domain().equals(f.getDomain()) || f.getSeverity() == Severity.INFO || f.getPeriodStart().isBefore(from)
                        || f.getPeriodStart().isAfter(to) || f.getFactIds().isEmpty()) {
                    continue;
                }
                if (declared.phoneLate().equals(f.getObligationId())) {
                    phoneLate.add(f.getFactIds().get(0));
                } else if (declared.onsiteLate().equals(f.getObligationId())) {
                    onsiteLate.add(f.getFactIds().get(0));
                }
            }
        }
        return new LateRequests(phoneLate, onsiteLate);
    }
}
