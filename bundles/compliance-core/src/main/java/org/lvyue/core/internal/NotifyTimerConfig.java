package org.lvyue.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The clock's part of {@code etc/org.lvyue.notify.cfg} (the notifications' PID, which the sending bundle reads for
 * its channels): what is written to the outbox when only time passes.
 */
@ObjectClassDefinition(name = "Lvyue notifications: the clock", description = "Deadlines coming due, the daily digest,"
        + " support requests whose warning point passes while no fact arrives")
public @interface NotifyTimerConfig {
    @AttributeDefinition(description = "Seconds between the clock's checks (support warnings and breaches, deadlines, the"
            + " digest); 0 turns the clock off. At 60 the check runs a second after each minute, the support clock's step")
    int clockCheckSeconds() default 60;

    @AttributeDefinition(description = "Working days before a deadline from which it is told, for kinds not named in"
            + " deadlineLeads (working days of the State Council's calendar, 调休 days counted)")
    int deadlineLeadWorkingDays() default 3;

    @AttributeDefinition(description = "Working days ahead per kind, comma-separated: report, certificate, drill,"
            + " assessment, other, finding (an open finding's running deadline: 甲方's review, a cure period); e.g."
            + " certificate=10,report=3")
    String deadlineLeads() default "";

    @AttributeDefinition(description = "Minutes between two looks at a contract's deadlines within one day (facts that"
            + " arrived may add one); the first check of a day always looks")
    int deadlineCheckMinutes() default 60;

    @AttributeDefinition(description = "Local time (HH:mm) from which each contract's daily digest is written, once a day")
    String digestTime() default "08:30";

    @AttributeDefinition(description = "Time zone of digestTime")
    String digestZone() default org.lvyue.api.engine.EvaluationClock.ZONE;
}
