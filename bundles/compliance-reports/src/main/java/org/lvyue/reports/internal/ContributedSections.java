package org.lvyue.reports.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.lvyue.api.spi.MonthlyReportSections;
import org.lvyue.api.spi.QuarterlyReportSections;
import org.lvyue.api.spi.ReportSection;
import org.lvyue.api.spi.SettlementTerms;

/**
 * What the domain bundles register for the reports (monthly and quarterly sections, settlement terms), by
 * the domains they serve. A contribution is here while its bundle's service is registered: it goes with the
 * bundle.
 */
final class ContributedSections {
    private record Contribution(MonthlyReportSections sections, List<String> domains) {
    }

    private record QuarterlyContribution(QuarterlyReportSections sections, List<String> domains) {
    }

    private record SettlementContribution(SettlementTerms terms, List<String> domains) {
    }

    private final List<Contribution> contributions = new CopyOnWriteArrayList<>();
    private final List<QuarterlyContribution> quarterly = new CopyOnWriteArrayList<>();
    private final List<SettlementContribution> settlement = new CopyOnWriteArrayList<>();

    void add(SettlementTerms terms, Map<String, ?> properties) {
        settlement.add(new SettlementContribution(terms, domains(properties.get(MonthlyReportSections.DOMAINS))));
    }

    void remove(SettlementTerms terms) {
        settlement.removeIf(c -> c.terms() == terms);
    }

    /** The settlement terms of which a domain is active, in class-name order. */
    List<SettlementTerms> settlement(java.util.Set<String> activeDomains) {
        return settlement.stream().filter(c -> c.domains().stream().anyMatch(activeDomains::contains))
                .map(SettlementContribution::terms).sorted(Comparator.comparing(s -> s.getClass().getName())).toList();
    }

    void add(QuarterlyReportSections sections, Map<String, ?> properties) {
        quarterly.add(new QuarterlyContribution(sections, domains(properties.get(MonthlyReportSections.DOMAINS))));
    }

    void remove(QuarterlyReportSections sections) {
        quarterly.removeIf(c -> c.sections() == sections);
    }

    /** The quarterly contributions of which a domain is active, in class-name order. */
    List<QuarterlyReportSections> quarterly(java.util.Set<String> activeDomains) {
        return quarterly.stream().filter(c -> c.domains().stream().anyMatch(activeDomains::contains))
                .map(QuarterlyContribution::sections).sorted(Comparator.comparing(s -> s.getClass().getName())).toList();
    }

    void add(MonthlyReportSections sections, Map<String, ?> properties) {
        contributions.add(new Contribution(sections, domains(properties.get(MonthlyReportSections.DOMAINS))));
    }

    void remove(MonthlyReportSections sections) {
        contributions.removeIf(c -> c.sections() == sections);
    }

    /** The sections added to this domain's report for the month, contribution by contribution. */
    List<Section> of(MonthlyReportSections.Month month) {
        List<Section> out = new ArrayList<>();
        contributionsTo(month.domain()).forEach(c -> c.sections(month).forEach(s -> out.add(section(s))));
        return out;
    }

    /** The contributions to a domain's report, in class-name order. */
    List<MonthlyReportSections> contributionsTo(String domain) {
        // a fixed order whatever order the bundles started in: the same report renders the same bytes
        return contributions.stream().filter(c -> c.domains().contains(domain))
                .map(Contribution::sections).sorted(Comparator.comparing(s -> s.getClass().getName())).toList();
    }

    /** The shared template's section for a contributed one. */
    static Section section(ReportSection s) {
        if (s.layout() == ReportSection.Layout.KEY_VALUE) {
            Map<String, String> lines = new java.util.LinkedHashMap<>();
            s.rows().forEach(r -> lines.put(r.get(0), r.size() > 1 ? r.get(1) : null));
            return Sections.keyValue(s.heading(), s.note(), lines);
        }
        List<Map<String, ?>> rows = new ArrayList<>();
        for (List<String> r : s.rows()) {
            rows.add(Sections.tableRow(cell(r, 0), cell(r, 1), cell(r, 2), cell(r, 3), cell(r, 4)));
        }
        return Sections.table(s.heading(), s.note(), s.columns().toArray(String[]::new), rows);
    }

    private static String cell(List<String> row, int i) {
        return i < row.size() ? row.get(i) : "";
    }

    private static List<String> domains(Object property) {
        if (property instanceof String s) {
            return List.of(s);
        }
        if (property instanceof String[] a) {
            return List.of(a);
        }
        if (property instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
