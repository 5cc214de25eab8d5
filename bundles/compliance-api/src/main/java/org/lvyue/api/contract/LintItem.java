package org.lvyue.api.contract;

import java.util.List;

import org.lvyue.api.finding.Severity;

/**
 * A contradiction or gap in a contract definition itself, found before any fact arrives: a bond due
 * after the date it must stay valid until, two different on-site hours, a period that starts
 * before the signing date, a point the contract leaves open and the default that fills it.
 *
 * @param code     stable id, e.g. {@code bond-due-after-validity}
 * @param severity how much it matters
 * @param clauses  the clauses involved
 * @param fields   the definition fields involved, e.g. {@code terms.performanceBond.validUntil}
 * @param title    one line, Chinese
 * @param detail   the figures that show it, Chinese
 */
public record LintItem(String code, Severity severity, List<String> clauses, List<String> fields, String title,
                       String detail) {
    public LintItem {
        clauses = List.copyOf(clauses);
        fields = List.copyOf(fields);
    }
}
