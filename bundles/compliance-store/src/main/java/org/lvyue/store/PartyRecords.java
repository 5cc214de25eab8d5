package org.lvyue.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.lvyue.api.access.ApiToken;
import org.lvyue.api.access.IssuedToken;
import org.lvyue.api.access.Membership;
import org.lvyue.api.access.Organisation;
import org.lvyue.api.access.Parties;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.service.NotFoundException;

/**
 * Organisations, memberships and API tokens over their tables: input checked field by field
 * (reasons in Chinese), each change and its activity entry one transaction.
 */
final class PartyRecords implements Parties {
    /** Ids of organisations, as they appear in contract definitions and URLs. */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
    private static final int MAX_NAME = 200;

    private final Database database;
    private final Clock clock;
    private final ActivityTable activity;
    private final OrganisationTable organisations;
    private final MembershipTable memberships;
    private final ApiTokenTable tokens;

    PartyRecords(Database database, Clock clock, Dialect dialect, ActivityTable activity, AccessSeals seals) {
        this.database = database;
        this.clock = clock;
        this.activity = activity;
        this.organisations = new OrganisationTable(dialect);
        this.memberships = new MembershipTable(dialect, seals);
        this.tokens = new ApiTokenTable(dialect, seals);
    }

    @Override
    public List<Organisation> organisations() {
        return database.read("listing organisations", organisations::all);
    }

    @Override
    public Optional<Organisation> organisation(String id) {
        return id == null ? Optional.empty() : database.read("reading organisation " + id, c -> organisations.find(c, id));
    }

    @Override
    public void saveOrganisation(Organisation o, String actor, String address) {
        List<FactProblem> problems = new ArrayList<>();
        if (!ID.matcher(o.id()).matches()) {
            problems.add(new FactProblem(-1, "id", "机构编号只能包含小写字母、数字和连字符，2-64 个字符：'" + o.id() + "'"));
        }
        if (o.name().isBlank() || o.name().length() > MAX_NAME) {
            problems.add(new FactProblem(-1, "name", "机构名称不能为空，至多 " + MAX_NAME + " 个字符"));
        }
        if (!Organisation.KINDS.contains(o.kind())) {
            problems.add(new FactProblem(-1, "kind", "机构类型应为 " + String.join("、", Organisation.KINDS) + " 之一：'" + o.kind() + "'"));
        }
        refuse("机构", problems);
        database.transaction("saving organisation " + o.id(), c -> {
            boolean existed = organisations.find(c, o.id()).isPresent();
            organisations.save(c, o);
            record(c, actor, address, ORGANISATION_SAVE, o.id(), (existed ? "修改机构：" : "新建机构：") + o.name() + "（" + o.kind() + "）");
            return null;
        });
    }

    @Override
    public List<Membership> members(String organisation) {
        return database.read("listing the members of " + organisation, c -> memberships.ofOrganisation(c, organisation));
    }

    @Override
    public List<Membership> membershipsOf(String user) {
        return database.read("listing the memberships of " + user, c -> memberships.ofUser(c, user));
    }

    @Override
    public boolean addMember(Membership m, String actor, String address) {
        checked(m);
        return database.transaction("adding " + m, c -> {
            if (organisations.find(c, m.organisation()).isEmpty()) {
                throw new NotFoundException("机构 '" + m.organisation() + "' 不存在");
            }
            boolean added = memberships.add(c, m);
            if (added) {
                record(c, actor, address, MEMBER_ADD, m.organisation(), "用户 " + m.user() + " 成为 " + m.organisation() + " 的 " + m.role());
            }
            return added;
        });
    }

    @Override
    public boolean removeMember(Membership m, String actor, String address) {
        return database.transaction("removing " + m, c -> {
            boolean removed = memberships.remove(c, m);
            if (removed) {
                record(c, actor, address, MEMBER_REMOVE, m.organisation(), "用户 " + m.user() + " 不再是 " + m.organisation() + " 的 " + m.role());
            }
            return removed;
        });
    }

    @Override
    public List<ApiToken> tokens(String contract) {
        return database.read("listing the tokens of contract " + contract, c -> tokens.ofContract(c, contract));
    }

    @Override
    public IssuedToken issueToken(String contract, String name, String actor, String address) {
        String n = name == null ? "" : name.trim();
        if (n.isEmpty() || n.length() > MAX_NAME || n.chars().anyMatch(Character::isISOControl)) {
            refuse("令牌", List.of(new FactProblem(-1, "name", "令牌名称不能为空，至多 " + MAX_NAME + " 个字符，不含控制字符")));
        }
        String secret = TokenSecrets.newSecret();
        ApiToken token = database.transaction("issuing a token for contract " + contract, c -> {
            ApiToken t = tokens.insert(c, contract, n, TokenSecrets.hash(secret), clock.instant(), actor);
            record(c, actor, address, TOKEN_ISSUE, contract, "签发采集令牌 #" + t.id() + "：" + n);
            return t;
        });
        return new IssuedToken(token, secret);
    }

    @Override
    public boolean revokeToken(String contract, long id, String actor, String address) {
        return database.transaction("revoking token " + id + " of contract " + contract, c -> {
            boolean revoked = tokens.revoke(c, contract, id, clock.instant());
            if (revoked) {
                record(c, actor, address, TOKEN_REVOKE, contract, "吊销采集令牌 #" + id);
            }
            return revoked;
        });
    }

    @Override
    public Optional<ApiToken> authenticate(String secret) {
        if (secret == null || !secret.startsWith(TokenSecrets.PREFIX)) {
            return Optional.empty();
        }
        String hash = TokenSecrets.hash(secret);
        Optional<ApiToken> found = database.read("looking a token up", c -> tokens.bySecretHash(c, hash));
        if (found.isEmpty() || found.get().revoked()) {
            return Optional.empty();
        }
        ApiToken t = found.get();
        java.time.Instant now = clock.instant();
        if (t.lastUsed() != null && !t.lastUsed().isBefore(now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES))) {
            return found;
        }
        java.time.Instant used = database.transaction("noting the use of token " + t.id(), c -> {
            ApiTokenTable.Use use = tokens.use(c, t.id(), now);
            if (use.first()) {
                // the security trail: a token's use, once a minute at most, as its last use is noted
                activity.insert(c, now, t.principal(), null, org.lvyue.api.activity.ActivityLog.TOKEN_USE, t.contract(),
                        "采集令牌 #" + t.id() + "（" + t.name() + "）使用，每分钟至多记录一次");
            }
            return use.at();
        });
        return Optional.of(new ApiToken(t.id(), t.contract(), t.name(), t.createdAt(), t.createdBy(), used, null));
    }

    private static void checked(Membership m) {
        List<FactProblem> problems = new ArrayList<>();
        if (m.user().isBlank() || m.user().length() > MAX_NAME || m.user().chars().anyMatch(ch -> ch == ':' || Character.isISOControl(ch))) {
            problems.add(new FactProblem(-1, "user", "用户名不能为空，至多 " + MAX_NAME + " 个字符，不含 ':' 或控制字符"));
        }
        if (!Membership.ROLES.contains(m.role())) {
            problems.add(new FactProblem(-1, "role", "角色应为 " + String.join("、", Membership.ROLES) + " 之一：'" + m.role() + "'"));
        }
        refuse("成员", problems);
    }

    private static void refuse(String what, List<FactProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(what + "数据有误，未保存：" + problems.get(0).field() + "：" + problems.get(0).reason(),
                    problems);
        }
    }

    private void record(Connection c, String actor, String address, String action, String target, String detail)
            throws SQLException {
        activity.insert(c, clock.instant(), actor, address, action, target, detail);
    }
}
