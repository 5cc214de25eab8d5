package org.lvyue.api.engine;

/** Whether the engine runs a domain bundle's rules. */
public enum DomainState {
    /** Compiled and part of the active rule set. */
    ACTIVE,
    /** Refused: its rules or catalogue did not load; see the problems. The previous version, if any, keeps running. */
    REFUSED,
    /**
     * Stopped while running: one of its rules threw, or an evaluation exceeded the time limit and its
     * rules fired most; see the problems. The rule set runs without it (or with the bundle's previous
     * revision) until a new revision is deployed.
     */
    STOPPED,
    /**
     * Stopped, and one of its rules still runs on a thread that could not be stopped (a Java loop
     * in a consequence or condition): the thread keeps a processor busy until the engine restarts.
     */
    STUCK
}
