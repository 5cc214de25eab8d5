package org.lvyue.api.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Separation of duties (三权分立, GB/T 22239-2019 8.1.4.2 and 8.1.5): the installation's three administrators are
 * realm roles ({@code etc/users.properties}) that no single account may hold together.
 * <ul>
 * <li>{@value #SYSTEM_ADMIN} (系统管理员): users and passwords, domain bundles, configuration, contract definitions;</li>
 * <li>{@value #SECURITY_ADMIN} (安全管理员): organisations, memberships, collector tokens, locked accounts;</li>
 * <li>{@value #AUDIT_ADMIN} (审计管理员): reads, verifies and exports the security trail, and nothing else: it holds
 * no business role either.</li>
 * </ul>
 * The business roles (engineer, evaluator, collector, and an organisation's admin, which is a membership) stay as they
 * are. One rule, used wherever roles are set: {@code compliance:passwd --role}, the users file read at start, the
 * REST login.
 */
public final class Duties {
    public static final String SYSTEM_ADMIN = "admin";
    public static final String SECURITY_ADMIN = "secadmin";
    public static final String AUDIT_ADMIN = "auditadmin";
    /** The three duties, in this order. */
    public static final List<String> ALL = List.of(SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN);
    /** The product's business roles in the realm, which an audit administrator may not hold either. */
    public static final Set<String> BUSINESS = Set.of("engineer", "evaluator", "collector");

    private Duties() {
    }

    /**
     * Why an account holding {@code roles} breaks the separation of duties, or null when it does not: two or more of
     * the three duties, or the audit administrator's with a business role.
     */
    public static AccessPolicy.Refusal conflict(String user, Collection<String> roles) {
        Set<String> duties = new TreeSet<>(roles);
        duties.retainAll(ALL);
        if (duties.size() > 1) {
            List<String> held = ALL.stream().filter(duties::contains).toList();
            return new AccessPolicy.Refusal("三权分立：账户 '" + user + "' 不能同时担任 " + names(held)
                    + "，系统管理员、安全管理员、审计管理员须由不同账户担任",
                    "Separation of duties: account '" + user + "' may not hold " + String.join(" and ", held)
                            + " together; the system, security and audit administrators must be different accounts");
        }
        if (duties.contains(AUDIT_ADMIN)) {
            Set<String> business = new TreeSet<>(roles);
            business.retainAll(BUSINESS);
            if (!business.isEmpty()) {
                return new AccessPolicy.Refusal("三权分立：审计管理员账户 '" + user + "' 只能审阅和导出安全审计记录，不能兼任业务角色 "
                        + String.join("、", business), "Separation of duties: audit administrator '" + user
                        + "' reads and exports the trail only, and may not hold " + String.join(", ", business));
            }
        }
        return null;
    }

    /** The duties held, each as 中文名（role）. */
    private static String names(List<String> held) {
        List<String> out = new java.util.ArrayList<>();
        for (String d : held) {
            out.add(switch (d) {
                case SYSTEM_ADMIN -> "系统管理员（" + d + "）";
                case SECURITY_ADMIN -> "安全管理员（" + d + "）";
                default -> "审计管理员（" + d + "）";
            });
        }
        return String.join("、", out);
    }
}
