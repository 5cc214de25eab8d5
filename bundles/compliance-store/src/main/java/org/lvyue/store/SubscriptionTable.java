package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.lvyue.api.finding.Severity;
import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.NotificationKind;
import org.lvyue.api.notify.Subscription;

/** Who receives what of a contract ({@code notify_subscription}, migration V13); the kinds as a comma list. */
final class SubscriptionTable {
    static final Columns COLUMNS = Columns.of("id", "contract_id", "party", "name", "channel", "target", "secret", "kinds",
            "min_severity", "created_by", "created_at");
    private static final Columns ADDED = COLUMNS.without("id");

    private final Dialect dialect;

    /** 钉钉's signing secret, stored encrypted. */
    private final SealedColumn secret;

    SubscriptionTable(Dialect dialect, SealedColumn secret) {
        this.secret = secret;
        this.dialect = dialect;
    }

    Subscription insert(Connection c, Subscription s, String by, Instant at) throws SQLException {
        try (PreparedStatement ps = dialect.insertReturningKey(c, "INSERT INTO notify_subscription (" + ADDED.list()
                + ") VALUES (" + ADDED.parameters() + ")", "id")) {
            int i = 1;
            ps.setString(i++, s.contract());
            ps.setString(i++, s.party());
            ps.setString(i++, s.name());
            ps.setString(i++, s.channel().name());
            ps.setString(i++, s.target());
            ps.setString(i++, secret.seal(s.secret()));
            ps.setString(i++, kinds(s.kinds()));
            ps.setString(i++, s.minSeverity().name());
            ps.setString(i++, by);
            ps.setObject(i, Sql.timestamp(at));
            ps.executeUpdate();
            return new Subscription(Sql.generatedKey(ps), s.contract(), s.party(), s.name(), s.channel(), s.target(),
                    s.secret(), s.kinds(), s.minSeverity(), by, at);
        }
    }

    List<Subscription> ofContract(Connection c, String contract) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list()
                + " FROM notify_subscription WHERE contract_id = ? ORDER BY id")) {
            ps.setString(1, contract);
            return list(ps);
        }
    }

    Optional<Subscription> find(Connection c, String contract, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list()
                + " FROM notify_subscription WHERE contract_id = ? AND id = ?")) {
            ps.setString(1, contract);
            ps.setLong(2, id);
            List<Subscription> found = list(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    boolean remove(Connection c, String contract, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM notify_subscription WHERE contract_id = ? AND id = ?")) {
            ps.setString(1, contract);
            ps.setLong(2, id);
            return ps.executeUpdate() > 0;
        }
    }

    static String kinds(Set<NotificationKind> kinds) {
        return kinds.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    private List<Subscription> list(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<Subscription> out = new ArrayList<>();
            while (rs.next()) {
                int i = 1;
                long id = rs.getLong(i++);
                String contract = rs.getString(i++);
                String party = rs.getString(i++);
                String name = rs.getString(i++);
                Channel channel = Channel.valueOf(rs.getString(i++));
                String target = rs.getString(i++);
                String secret = this.secret.open(rs.getString(i++));
                Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
                Arrays.stream(rs.getString(i++).split(",")).filter(k -> !k.isEmpty())
                        .forEach(k -> kinds.add(NotificationKind.valueOf(k)));
                Severity min = Severity.valueOf(rs.getString(i++));
                String by = rs.getString(i++);
                Instant at = Sql.instant(rs, i);
                out.add(new Subscription(id, contract, party, name, channel, target, secret, kinds, min, by, at));
            }
            return out;
        }
    }
}
