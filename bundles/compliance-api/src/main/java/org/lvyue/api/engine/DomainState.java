package org.lvyue.api.engine;

/** Whether the engine runs a domain bundle's rules. */
public enum DomainState {
    /** Compiled and part of the active rule set. */
    ACTIVE,
    /** Refused: its rules or catalogue did not load; see the problems. The previous version, if any, keeps running. */
    REFUSED
}
