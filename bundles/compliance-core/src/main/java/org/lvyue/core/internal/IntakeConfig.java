package org.lvyue.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The bounds of each contract's intake queue ({@code etc/org.lvyue.intake.cfg}). */
@ObjectClassDefinition(id = IntakeConfig.PID, name = "Lvyue intake",
        description = "Batches of facts and audit entries stored and waiting for their contract's next evaluation")
public @interface IntakeConfig {
    String PID = "org.lvyue.intake";

    @AttributeDefinition(min = "1", description = "Batches of one contract stored or being stored and not yet evaluated;"
            + " beyond it a batch is answered 429 with Retry-After and not stored")
    int maxQueuedBatches() default IntakeQueue.DEFAULT_MAX_BATCHES;

    @AttributeDefinition(min = "1", description = "Their size together (bytes of their JSON, about); beyond it: 429")
    long maxQueuedBytes() default IntakeQueue.DEFAULT_MAX_BYTES;

    @AttributeDefinition(min = "1", description = "How long a stored batch's request, alone in its contract's queue,"
            + " waits for the evaluation that includes it (seconds); past it the answer says the batch is stored and"
            + " its evaluation still running")
    int evaluationWaitSeconds() default IntakeQueue.DEFAULT_WAIT_SECONDS;

    @AttributeDefinition(min = "0", description = "The same wait when other batches of the contract are queued with"
            + " it (milliseconds): under load the answer acknowledges what is on disk without waiting for the findings")
    long crowdedEvaluationWaitMillis() default IntakeQueue.DEFAULT_CROWDED_WAIT_MILLIS;

    @AttributeDefinition(min = "0", description = "How often the restart stamp of each contract evaluated since its last"
            + " one is written while the node runs (seconds; 0: only at a clean stop). After a crash, a contract whose stamp"
            + " is current is ready without being evaluated first")
    int restartStampSeconds() default Intake.DEFAULT_RESTART_STAMP_SECONDS;
}
