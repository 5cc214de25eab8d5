package org.lvyue.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.lvyue.api.access.ApiToken;
import org.lvyue.api.access.IssuedToken;
import org.lvyue.api.access.Membership;
import org.lvyue.api.access.Organisation;
import org.lvyue.api.access.Parties;
import org.lvyue.api.service.NotFoundException;

/** Organisations, members and tokens in memory; each change as "actor action target" in {@link #changes}. */
public class FakeParties implements Parties {
    public final Map<String, Organisation> organisations = new TreeMap<>();
    public final List<Membership> members = new ArrayList<>();
    public final Map<Long, ApiToken> tokens = new LinkedHashMap<>();
    private final Map<String, Long> secrets = new LinkedHashMap<>();
    public final List<String> changes = new ArrayList<>();
    public Instant now = Instant.parse("2023-03-01T02:00:00Z");

    @Override
    public List<Organisation> organisations() {
        return List.copyOf(organisations.values());
    }

    @Override
    public Optional<Organisation> organisation(String id) {
        return Optional.ofNullable(organisations.get(id));
    }

    @Override
    public void saveOrganisation(Organisation organisation, String actor, String address) {
        organisations.put(organisation.id(), organisation);
        changes.add(actor + " " + ORGANISATION_SAVE + " " + organisation.id());
    }

    @Override
    public List<Membership> members(String organisation) {
        return members.stream().filter(m -> m.organisation().equals(organisation)).toList();
    }

    @Override
    public List<Membership> membershipsOf(String user) {
        return members.stream().filter(m -> m.user().equals(user)).toList();
    }

    @Override
    public boolean addMember(Membership membership, String actor, String address) {
        if (!organisations.containsKey(membership.organisation())) {
            throw new NotFoundException("机构 '" + membership.organisation() + "' 不存在");
        }
        if (members.contains(membership)) {
            return false;
        }
        members.add(membership);
        changes.add(actor + " " + MEMBER_ADD + " " + membership.organisation());
        return true;
    }

    @Override
    public boolean removeMember(Membership membership, String actor, String address) {
        boolean removed = members.remove(membership);
        if (removed) {
            changes.add(actor + " " + MEMBER_REMOVE + " " + membership.organisation());
        }
        return removed;
    }

    @Override
    public List<ApiToken> tokens(String contract) {
        return tokens.values().stream().filter(t -> t.contract().equals(contract)).toList();
    }

    @Override
    public IssuedToken issueToken(String contract, String name, String actor, String address) {
        long id = tokens.size() + 1L;
        ApiToken t = new ApiToken(id, contract, name, now, actor, null, null);
        tokens.put(id, t);
        String secret = "lvy_fake-secret-" + id;
        secrets.put(secret, id);
        changes.add(actor + " " + TOKEN_ISSUE + " " + contract);
        return new IssuedToken(t, secret);
    }

    @Override
    public boolean revokeToken(String contract, long id, String actor, String address) {
        ApiToken t = tokens.get(id);
        if (t == null || !t.contract().equals(contract) || t.revoked()) {
            return false;
        }
        tokens.put(id, new ApiToken(id, contract, t.name(), t.createdAt(), t.createdBy(), t.lastUsed(), now));
        changes.add(actor + " " + TOKEN_REVOKE + " " + contract);
        return true;
    }

    @Override
    public Optional<ApiToken> authenticate(String secret) {
        Long id = secrets.get(secret);
        return id == null || tokens.get(id).revoked() ? Optional.empty() : Optional.of(tokens.get(id));
    }
}
