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

    @AttributeDefinition(name = "Require signed domain bundles",
            description = "Load a domain bundle added at run time (deploy/, an upload, a jar shared by the cluster) only "
                    + "when a trusted signer signed it (bin/sign-bundle); the bundles installed with the distribution load "
                    + "as they are. A bundle whose signature does not hold is refused in any case")
    boolean requireSignedBundles() default false;

    @AttributeDefinition(name = "Trusted bundle signers",
            description = "SHA-256 fingerprints (hex) of the certificates whose signatures on domain bundles are trusted "
                    + "(bin/sign-bundle fingerprint <key.p12> prints one), comma-separated")
    String[] trustedBundleSigners() default {};
}
