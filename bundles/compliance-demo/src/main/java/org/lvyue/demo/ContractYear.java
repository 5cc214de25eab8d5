package org.lvyue.demo;

import java.util.List;
import java.util.Map;

/**
 * The generated year of one demo contract beside the seed's: its facts in the ingest JSON shape, the
 * violations injected on purpose with the rule that should find each, and the records each one leaves out.
 */
public record ContractYear(String contractId, List<Map<String, Object>> facts, List<InjectedViolation> violations,
                           List<MissingFact> missing) {
    public ContractYear {
        facts = List.copyOf(facts);
        violations = List.copyOf(violations);
        missing = List.copyOf(missing);
    }
}
