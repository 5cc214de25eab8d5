package org.lvyue.api.service;

import java.util.List;

import org.lvyue.api.fact.FactProblem;

/**
 * What an import would do, found without storing anything (a dry run): how many rows, how many of
 * them would be refused and why.
 *
 * @param rows       rows (facts) submitted
 * @param valid      rows without any problem
 * @param invalid    rows with at least one problem
 * @param duplicates valid rows already stored with the same content (an import would skip them)
 * @param problems   every problem; {@code index} is the batch position (JSON) or the CSV line number, -1 for the whole file
 */
public record ImportCheck(int rows, int valid, int invalid, int duplicates, List<FactProblem> problems) {
    public ImportCheck {
        problems = List.copyOf(problems);
    }
}
