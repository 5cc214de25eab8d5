package org.lvyue.rest.internal;

/** The product's roles, as JAAS role principals of Karaf's realm. */
final class Roles {
    static final String ADMIN = "admin";
    static final String ENGINEER = "engineer";
    static final String EVALUATOR = "evaluator";
    static final String COLLECTOR = "collector";
    /** 安全管理员 (separation of duties, {@link org.lvyue.api.security.Duties}): organisations, members, tokens. */
    static final String SECADMIN = org.lvyue.api.security.Duties.SECURITY_ADMIN;
    /** 审计管理员: reads, verifies and exports the security trail, nothing else. */
    static final String AUDITADMIN = org.lvyue.api.security.Duties.AUDIT_ADMIN;

    private Roles() {
    }
}
