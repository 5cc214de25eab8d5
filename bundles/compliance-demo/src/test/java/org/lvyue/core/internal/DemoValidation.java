package org.lvyue.core.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactKind;

/**
 * Test access to core's intake validator (package-private): the demo year's facts go through the very code
 * {@code POST /api/contracts/{id}/facts} runs, against the demo contract as core reads it.
 */
public final class DemoValidation {
    private DemoValidation() {
    }

    public static Contract demoContract() {
        return ContractDefinitionReader.read(ContractDefinitionReader.demoDefinition());
    }

    /** A bundled demo contract of the portfolio, by id, as core reads it. */
    public static Contract demoContract(String id) {
        return ContractDefinitionReader.demoDefinitions().stream().map(ContractDefinitionReader::read)
                .filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    /**
     * The facts of one batch of the contract as intake makes them; throws InvalidInputException naming every problem.
     *
     * @param everyContract whether a domain applies to every contract (its facts are taken whatever services it buys)
     */
    public static List<Fact> validate(Contract contract, List<Map<String, Object>> batch, Function<String, Optional<FactKind>> kinds,
                                      java.util.function.Predicate<String> everyContract, LocalDate today) {
        return new FactValidator(kinds, everyContract).validate(contract, batch, "collector", today);
    }
}
