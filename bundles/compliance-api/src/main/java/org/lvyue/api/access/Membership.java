package org.lvyue.api.access;

import java.util.List;
import java.util.Objects;

/**
 * A user's role in an organisation: on the contracts the organisation is named in, the user acts in
 * this role.
 *
 * @param user         the user name of the realm (JAAS)
 * @param organisation the organisation's id
 * @param role         one of {@link #ROLES}
 */
public record Membership(String user, String organisation, String role) {
    public static final String ADMIN = "admin";
    public static final String ENGINEER = "engineer";
    public static final String EVALUATOR = "evaluator";
    public static final String COLLECTOR = "collector";
    /** Every role a member may hold. */
    public static final List<String> ROLES = List.of(ADMIN, ENGINEER, EVALUATOR, COLLECTOR);

    public Membership {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(role, "role");
    }
}
