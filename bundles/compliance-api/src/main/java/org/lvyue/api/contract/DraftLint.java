package org.lvyue.api.contract;

import java.util.List;

import org.lvyue.api.fact.FactProblem;

/**
 * What a contract definition not yet stored would meet: the problems that would refuse it (each naming its
 * field, as when it is defined) and, when it is readable, its lint.
 *
 * @param problems what would refuse the definition; empty when it would be accepted as it is
 * @param items    the lint of the draft when it could be read, else empty
 */
public record DraftLint(List<FactProblem> problems, List<LintItem> items) {
    public DraftLint {
        problems = List.copyOf(problems);
        items = List.copyOf(items);
    }

    /** Whether defining the draft now would be accepted. */
    public boolean valid() {
        return problems.isEmpty();
    }
}
