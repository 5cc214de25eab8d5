package org.lvyue.engine.internal;

import java.util.List;

import org.lvyue.api.engine.RuleProblem;

/**
 * A rule that failed while the engine ran it: it threw, the evaluation ran out of time, or its
 * thread could not be stopped at all. Names the domain modules to blame (none when no domain could
 * be told) and the problem to report on them.
 */
final class RuleFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    enum Kind {
        /** A rule threw: in its consequence or while its conditions were evaluated. */
        THREW,
        /** The evaluation exceeded the time limit and was halted or interrupted. */
        TIME_LIMIT,
        /** Past the time limit, neither halting nor interrupting stopped the thread: it was abandoned. */
        STUCK
    }

    private final Kind kind;
    private final transient RuleSet rules;
    private final transient List<DomainModule> culprits;
    private final RuleProblem where;
    private final String zh;
    private final String en;
    private final boolean sessionLost;

    /**
     * @param where the rule's DRL file and line (the message is not used)
     * @param zh    what happened, in Chinese
     * @param en    the same in English
     */
    RuleFailure(Kind kind, RuleSet rules, List<DomainModule> culprits, RuleProblem where, String zh, String en,
                boolean sessionLost, Throwable cause) {
        super(zh + " (" + en + ")", cause);
        this.kind = kind;
        this.rules = rules;
        this.culprits = List.copyOf(culprits);
        this.where = where;
        this.zh = zh;
        this.en = en;
        this.sessionLost = sessionLost;
    }

    Kind kind() {
        return kind;
    }

    /** The rule set the failing session was built from. */
    RuleSet rules() {
        return rules;
    }

    /** The domains to stop; empty when the failure could not be traced to one. */
    List<DomainModule> culprits() {
        return culprits;
    }

    /** What to report: the rule's file and line, and what happened followed by what was done about it. */
    RuleProblem problem(String zhThen, String enThen) {
        return new RuleProblem(where.file(), where.line(), zh + zhThen + " (" + en + enThen + ")");
    }

    /** Whether the session is still in use by a thread that could not be stopped: never touch it again. */
    boolean sessionLost() {
        return sessionLost;
    }
}
