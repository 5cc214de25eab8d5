package org.lvyue.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Lvyue core", description = "Contracts, fact intake and findings bookkeeping")
public @interface CoreConfig {
    @AttributeDefinition(description = "Install the demo contracts (bj-hrss-2022 and bj-hrss-2022-wl), or upgrade one whose bundled version is higher")
    boolean demoContract() default true;

    @AttributeDefinition(description = "Time zone of the contract's business days")
    String zone() default org.lvyue.api.engine.EvaluationClock.ZONE;

    @AttributeDefinition(description = "Evaluate as of this day (yyyy-MM-dd) instead of today; empty for today")
    String today() default "";

    @AttributeDefinition(description = "Verify every contract's evidence chain in the background at start")
    boolean verifyIntegrityAtStart() default true;

    @AttributeDefinition(description = "Seconds a report or a what-if waits for the contract's findings to be re-evaluated on the"
            + " current rule set (after a start or a change of the domain bundles); past it: 503 with Retry-After")
    int findingsWaitSeconds() default 30;
}
