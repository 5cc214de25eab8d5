package org.lvyue.rest.internal;

/** The product's roles, as JAAS role principals of Karaf's realm. */
final class Roles {
    static final String ADMIN = "admin";
    static final String ENGINEER = "engineer";
    static final String EVALUATOR = "evaluator";
    static final String COLLECTOR = "collector";

    private Roles() {
    }
}
