package org.lvyue.api.access;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Organisations, memberships and collectors' API tokens. Every change is recorded in the activity
 * trail ({@link org.lvyue.api.activity.ActivityLog}) in the same transaction, under the acting user
 * and address given.
 */
@ProviderType
public interface Parties {
    String ORGANISATION_SAVE = "organisation-save";
    String MEMBER_ADD = "member-add";
    String MEMBER_REMOVE = "member-remove";
    String TOKEN_ISSUE = "token-issue";
    String TOKEN_REVOKE = "token-revoke";
    /** The activity actions of this service. */
    List<String> ACTIONS = List.of(ORGANISATION_SAVE, MEMBER_ADD, MEMBER_REMOVE, TOKEN_ISSUE, TOKEN_REVOKE);

    /** Every organisation, by id. */
    List<Organisation> organisations();

    Optional<Organisation> organisation(String id);

    /** Adds the organisation or changes its name and kind. */
    void saveOrganisation(Organisation organisation, String actor, String address);

    /** The members of an organisation, by user and role. */
    List<Membership> members(String organisation);

    /** A user's memberships, by organisation and role. */
    List<Membership> membershipsOf(String user);

    /** Gives a user a role in an organisation (which must exist); true when it was new. */
    boolean addMember(Membership membership, String actor, String address);

    /** Takes the role away; true when the user held it. */
    boolean removeMember(Membership membership, String actor, String address);

    /** The contract's tokens, revoked ones included, by id. */
    List<ApiToken> tokens(String contract);

    /** Issues a token for the contract; its secret is in the answer and nowhere else. */
    IssuedToken issueToken(String contract, String name, String actor, String address);

    /** Revokes the contract's token; false when it has no such token or it was revoked already. */
    boolean revokeToken(String contract, long id, String actor, String address);

    /** The valid token whose secret this is (its last use noted), or empty. */
    Optional<ApiToken> authenticate(String secret);
}
