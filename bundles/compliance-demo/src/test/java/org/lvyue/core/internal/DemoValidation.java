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

    /** The facts of one batch as intake makes them; throws InvalidInputException naming every problem. */
    public static List<Fact> validate(List<Map<String, Object>> batch, Function<String, Optional<FactKind>> kinds, LocalDate today) {
        return new FactValidator(kinds).validate(demoContract(), batch, "collector", today);
    }
}
