package org.lvyue.engine.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = EngineComponent.PID, name = "Lvyue engine",
        description = "The rule engine: the time limit of an evaluation")
public @interface EngineConfig {
    @AttributeDefinition(name = "Evaluation time limit (seconds)", min = "1",
            description = "How long one evaluation of a contract may run; past it the evaluation is halted and the "
                    + "domain whose rules fired most (or whose rule is still running) is stopped")
    int evaluationTimeLimit() default 30;
}
