package org.lvyue.rest.internal;

import java.security.Principal;
import java.util.List;
import java.util.Set;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.PathSegment;
import javax.ws.rs.core.SecurityContext;

import org.lvyue.api.access.Membership;
import org.lvyue.api.access.Parties;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.NotFoundException;

/**
 * Puts every authenticated request in its scope, after authentication and before the roles of the
 * resource method are checked ({@code @RolesAllowed}): under {@code /contracts/{id}} the caller holds the
 * roles {@link ContractAccess#on} gives on that contract, and a contract on which they hold none answers
 * 404 exactly as a contract that does not exist (the same exception, the same body); a change to the domain
 * bundles, which every contract's rules stand on, takes the installation's roles ({@link ContractAccess#installation});
 * elsewhere the roles of {@link ContractAccess#elsewhere}. Memberships are read for each request, so a change applies at once.
 */
@Priority(Priorities.AUTHENTICATION + 500)
final class PartyScopeFilter implements ContainerRequestFilter {
    private static final String PROPERTY = PartyScopeFilter.class.getName() + ".scope";
    /** {@code POST /contracts/lint} checks a draft: it names no contract (and no contract may be called so). */
    static final String DRAFT_LINT = "lint";
    private final Contracts contracts;
    private final Parties parties;

    PartyScopeFilter(Contracts contracts, Parties parties) {
        this.contracts = contracts;
        this.parties = parties;
    }

    /** What the message of a contract that does not exist says, for a contract the caller may not see. */
    static NotFoundException noSuchContract(String id) {
        return new NotFoundException("合同 '" + id + "' 不存在");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        SecurityContext security = request.getSecurityContext();
        if (security == null || !(security.getUserPrincipal() instanceof Caller caller)) {
            return; // anonymous: the role check answers 401
        }
        List<Membership> memberships = caller.token() == null ? parties.membershipsOf(caller.name()) : List.of();
        List<PathSegment> path = request.getUriInfo().getPathSegments(true);
        Set<String> roles;
        if (path.size() >= 2 && path.get(0).getPath().equals("contracts") && !path.get(1).getPath().isEmpty()
                && !(path.size() == 2 && path.get(1).getPath().equals(DRAFT_LINT))) {
            String id = path.get(1).getPath();
            Contract contract = contracts.contract(id); // a contract that does not exist throws the same exception
            roles = ContractAccess.on(contract, caller, memberships);
            if (roles.isEmpty()) {
                throw noSuchContract(id);
            }
        } else if (path.size() >= 1 && path.get(0).getPath().equals("domains") && !"GET".equals(request.getMethod())) {
            // a domain bundle deployed or removed changes the rules of every contract: the installation's own roles
            roles = ContractAccess.installation(caller);
        } else {
            roles = ContractAccess.elsewhere(caller, memberships);
        }
        Scoped scoped = new Scoped(security, caller, memberships, roles);
        request.setSecurityContext(scoped);
        request.setProperty(PROPERTY, scoped);
    }

    /** The caller in their scope: the roles it gives, and what they see of other contracts. */
    static final class Scoped implements SecurityContext {
        private final SecurityContext authenticated;
        private final Caller caller;
        private final List<Membership> memberships;
        private final Set<String> roles;

        Scoped(SecurityContext authenticated, Caller caller, List<Membership> memberships, Set<String> roles) {
            this.authenticated = authenticated;
            this.caller = caller;
            this.memberships = memberships;
            this.roles = roles;
        }

        Caller caller() {
            return caller;
        }

        List<Membership> memberships() {
            return memberships;
        }

        /** Whether the caller holds any role on the contract (it is listed to them). */
        boolean sees(Contract contract) {
            return !ContractAccess.on(contract, caller, memberships).isEmpty();
        }

        /** The caller's roles on the contract. */
        Set<String> rolesOn(Contract contract) {
            return ContractAccess.on(contract, caller, memberships);
        }

        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return roles.contains(role);
        }

        @Override
        public boolean isSecure() {
            return authenticated.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return authenticated.getAuthenticationScheme();
        }
    }

    /**
     * The scope of an authenticated request (a resource's {@code @Context SecurityContext} is a proxy, so it
     * is read from the request); an error for an anonymous one, which the role check let through to no method.
     */
    static Scoped scope(ContainerRequestContext request) {
        if (request.getProperty(PROPERTY) instanceof Scoped s) {
            return s;
        }
        throw new IllegalStateException("the request was not put in its scope");
    }
}
