package org.lvyue.rest.internal;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.lvyue.api.access.Membership;
import org.lvyue.api.contract.Contract;

/**
 * The roles a caller holds, the one rule of scoped access:
 * <ul>
 * <li>on a contract, the roles of the caller's memberships in the organisations the contract names
 * ({@link Contract#organisations()}), plus {@code admin} for the operator and {@code secadmin} for the security
 * administrator (who may manage the contract's tokens and nothing else there); a token holds {@code collector}
 * on its own contract; no role means the contract is not shown at all;</li>
 * <li>elsewhere (the lists, the domains, the activity trail), the realm's groups and the roles of every
 * membership; a token holds none.</li>
 * </ul>
 */
final class ContractAccess {
    private ContractAccess() {
    }

    /** The caller's roles on the contract; empty when the contract is none of theirs. */
    static Set<String> on(Contract contract, Caller caller, List<Membership> memberships) {
        Set<String> roles = new TreeSet<>();
        if (caller.token() != null) {
            if (caller.token().contract().equals(contract.id())) {
                roles.add(Roles.COLLECTOR);
            }
            return roles;
        }
        if (caller.operator()) {
            roles.add(Roles.ADMIN);
        }
        if (caller.securityAdmin()) {
            roles.add(Roles.SECADMIN);
        }
        List<String> organisations = contract.organisations();
        for (Membership m : memberships) {
            if (organisations.contains(m.organisation())) {
                roles.add(m.role());
            }
        }
        return roles;
    }

    /** The caller's roles outside any one contract. */
    static Set<String> elsewhere(Caller caller, List<Membership> memberships) {
        Set<String> roles = new TreeSet<>();
        if (caller.token() != null) {
            return roles;
        }
        roles.addAll(caller.realmRoles());
        memberships.forEach(m -> roles.add(m.role()));
        return roles;
    }

    /**
     * The caller's roles for what changes the whole installation (the domain bundles): the realm's groups only,
     * never a role held in one organisation, which must not reach the contracts of the others; none for a token.
     */
    static Set<String> installation(Caller caller) {
        return caller.token() != null ? new TreeSet<>() : new TreeSet<>(caller.realmRoles());
    }

    /**
     * Whether the caller may issue, list and revoke the contract's collector tokens: the security administrator, or an
     * admin of one of the contract's organisations; not the operator as such (separation of duties).
     */
    static boolean managesTokens(Contract contract, Caller caller, List<Membership> memberships) {
        return caller.securityAdmin() || (caller.token() == null && memberships.stream()
                .anyMatch(m -> m.role().equals(Roles.ADMIN) && contract.organisations().contains(m.organisation())));
    }

    /** Whether the caller may manage the organisation's members: the security administrator, or an admin of it. */
    static boolean managesMembers(String organisation, Caller caller, List<Membership> memberships) {
        return caller.securityAdmin() || memberships.stream().anyMatch(m -> m.organisation().equals(organisation)
                && m.role().equals(Roles.ADMIN));
    }

    /** Whether the caller is a member of the organisation (or the operator or the security administrator, who see every one). */
    static boolean sees(String organisation, Caller caller, List<Membership> memberships) {
        return caller.operator() || caller.securityAdmin() || memberships.stream().anyMatch(m -> m.organisation().equals(organisation));
    }
}
