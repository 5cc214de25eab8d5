package org.lvyue.rest.internal;

import java.security.Principal;
import java.util.Set;

import javax.ws.rs.core.SecurityContext;

import org.lvyue.api.access.ApiToken;

/**
 * Who a request authenticated as: a user of the realm with the groups the realm gives them, or a
 * collector's API token (then no realm group at all).
 *
 * @param name       the user name, or the token's {@link ApiToken#principal()}
 * @param realmRoles the user's groups in the JAAS realm ({@code etc/users.properties}); empty for a token
 * @param token      the token the request carried, or null for a user
 */
record Caller(String name, Set<String> realmRoles, ApiToken token) implements Principal {
    @Override
    public String getName() {
        return name;
    }

    /**
     * The installation's operator, its system administrator (系统管理员): a user in the realm's {@code admin} group.
     * The operator acts as {@code admin} on every contract, but manages neither organisations nor tokens, which are
     * the security administrator's ({@link #securityAdmin()}).
     */
    boolean operator() {
        return token == null && realmRoles.contains(Roles.ADMIN);
    }

    /** The security administrator (安全管理员, realm group {@code secadmin}): organisations, members and tokens. */
    boolean securityAdmin() {
        return token == null && realmRoles.contains(Roles.SECADMIN);
    }

    /** The request's security context for this caller: its roles are the realm's groups. */
    SecurityContext securityContext(String scheme, boolean secure) {
        Caller who = this;
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return who;
            }

            @Override
            public boolean isUserInRole(String role) {
                return realmRoles.contains(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return scheme;
            }
        };
    }
}
