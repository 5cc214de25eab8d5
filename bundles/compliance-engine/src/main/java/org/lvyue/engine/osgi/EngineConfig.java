package org.lvyue.engine.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = EngineComponent.PID, name = "Lvyue engine",
        description = "The rule engine: time limit of an evaluation, and the folder domain bundles are deployed from")
public @interface EngineConfig {
    @AttributeDefinition(name = "Evaluation time limit (seconds)", min = "1",
            description = "How long one evaluation of a contract may run; past it the evaluation is halted and the "
                    + "domain whose rules fired most (or whose rule is still running) is stopped")
    int evaluationTimeLimit() default 30;

    @AttributeDefinition(name = "Deploy folder",
            description = "The folder File Install watches; a domain jar there that OSGi refused as a duplicate is reported")
    String deployDir() default "${karaf.base}/deploy";
}
