package org.lvyue.engine.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = EngineComponent.PID, name = "Lvyue engine",
        description = "The rule engine: the time limit of an evaluation, the memory budget of the contracts' working memories")
public @interface EngineConfig {
    @AttributeDefinition(name = "Evaluation time limit (seconds)", min = "1",
            description = "How long one evaluation of a contract may run; past it the evaluation is halted and the "
                    + "domain whose rules fired most (or whose rule is still running) is stopped")
    int evaluationTimeLimit() default 30;

    @AttributeDefinition(name = "Memory budget (MiB)", min = "0",
            description = "The heap the contracts' working memories may hold together (estimated from their records); "
                    + "past it the least recently used are released and rebuilt from the store at their next use. "
                    + "0: half of the maximum heap")
    long memoryBudgetMiB() default 0;

    @AttributeDefinition(name = "Idle time (minutes)", min = "1",
            description = "How long a contract's working memory may stay unused before it is released (rebuilt from the "
                    + "store at its next use)")
    int memoryIdleMinutes() default 30;
}
