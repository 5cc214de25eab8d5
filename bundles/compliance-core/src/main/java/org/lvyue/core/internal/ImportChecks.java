package org.lvyue.core.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;

import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.ImportCheck;

/**
 * A dry run of an import: what the validator and the store would say about a batch, without storing
 * it. The same checks as the real intake, in the same order: each fact on its own, then its id
 * against the stored facts (same content: a duplicate the import skips; other content: refused).
 */
final class ImportChecks {
    private ImportChecks() {
    }

    /**
     * @param rows      rows submitted
     * @param checked   the validator's verdict on the facts that could be read
     * @param early     problems found before validation (a sheet's own), already with their row numbers
     * @param rowOf     the row number of the validator's index (identity for JSON, the CSV line for a sheet)
     * @param stored    looks up the stored facts among ids
     */
    static ImportCheck of(int rows, FactValidator.Checked checked, List<FactProblem> early, IntUnaryOperator rowOf,
                          Function<Collection<String>, List<Fact>> stored) {
        List<FactProblem> problems = new ArrayList<>(early);
        for (FactProblem p : checked.problems()) {
            problems.add(p.index() < 0 ? p : new FactProblem(rowOf.applyAsInt(p.index()), p.field(), p.reason()));
        }
        TreeSet<Integer> invalid = new TreeSet<>();
        problems.stream().filter(p -> p.index() >= 0).forEach(p -> invalid.add(p.index()));
        List<String> ids = checked.facts().stream().filter(Objects::nonNull).map(Fact::getId).toList();
        Map<String, Fact> byId = new java.util.HashMap<>();
        for (Fact f : stored.apply(ids)) {
            byId.put(f.getId(), f);
        }
        int duplicates = 0;
        for (int i = 0; i < checked.facts().size(); i++) {
            Fact f = checked.facts().get(i);
            int row = rowOf.applyAsInt(i);
            if (f == null || invalid.contains(row)) {
                continue;
            }
            Fact earlier = byId.get(f.getId());
            if (earlier == null) {
                continue;
            }
            if (earlier.sameContentAs(f)) {
                duplicates++;
            } else {
                problems.add(new FactProblem(row, "id", "事实 '" + f.getId() + "' 已以不同内容保存；已确认的事实不会被覆盖，请使用新的 id"));
                invalid.add(row);
            }
        }
        problems.sort(java.util.Comparator.comparingInt(FactProblem::index));
        int bad = Math.min(rows, invalid.size());
        return new ImportCheck(rows, rows - bad, bad, duplicates, problems);
    }
}
