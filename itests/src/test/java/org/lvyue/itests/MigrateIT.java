package org.lvyue.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.lvyue.itests.ShellSessions.Result;
import org.lvyue.testing.PostgresServer;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Moving the store in the real distribution, as the README says: the demo year loaded into the embedded
 * H2 store (at 2 % of its bulky volumes), then {@code compliance:migrate} run by the administrator in
 * Karaf's shell into a fresh PostgreSQL database. The command reports each contract copied and verified
 * to the head the product's own integrity check gives on H2; the target holds that head and every fact;
 * a second run is refused since the target is no longer empty, and an engineer may not run it at all.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MigrateIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ADMIN = List.of("admin", "manager", "viewer", "systembundles", "ssh");

    @Inject
    SessionFactory sessions;

    @Configuration
    public Option[] config() {
        PostgresServer.Database target = PostgresServer.shared().freshDatabase("migrate_it");
        return OptionUtils.combine(Distribution.on(8198),
                editConfigurationFilePut("etc/org.lvyue.demo.cfg", "load", "true"),
                editConfigurationFilePut("etc/org.lvyue.demo.cfg", "scale", "0.02"),
                // the product's own day: the demo year runs into 2023
                editConfigurationFilePut("etc/org.lvyue.core.cfg", "today", "2023-03-01"),
                systemProperty("lvyue.it.target.url").value(target.plainUrl()),
                systemProperty("lvyue.it.target.user").value(target.user()),
                systemProperty("lvyue.it.target.password").value(target.password()));
    }

    @Test
    public void the_administrator_moves_the_demo_year_to_postgresql_and_each_chain_ends_there_at_the_same_head()
            throws Exception {
        String url = System.getProperty("lvyue.it.target.url");
        String user = System.getProperty("lvyue.it.target.user");
        String password = System.getProperty("lvyue.it.target.password");
        Path loaded = Path.of(System.getProperty("karaf.data"), "lvyue", "demo-year.loaded");
        Await.until("the demo year loaded", () -> Files.exists(loaded), done -> done, 240_000);
        List<String> ids = new ArrayList<>();
        json(Http.get("/contracts", "evaluator")).forEach(c -> ids.add(c.path("id").asText()));
        assertTrue(ids.toString(), ids.containsAll(List.of("bj-hrss-2022", "bj-hrss-2022-wl")));
        // the findings stand on the final rule set: no evaluation appends to a chain while the heads are compared
        Map<String, Head> here = new TreeMap<>();
        for (String id : ids) {
            Await.until("findings of " + id + " current with the rule set", () -> {
                long active = json(Http.get("/health", null)).path("ruleSetVersion").asLong(-1);
                Http.Reply c = Http.get("/contracts/" + id, "evaluator");
                return c.status() == 200 && active == json(c).path("findingsRuleSetVersion").asLong();
            }, current -> current, 120_000);
            JsonNode integrity = json(Http.get("/contracts/" + id + "/integrity", "evaluator"));
            assertTrue(integrity.toString(), integrity.path("intact").asBoolean());
            here.put(id, new Head(integrity.path("head").path("position").asLong(), integrity.path("head").path("hash").asText(),
                    integrity.path("rowsVerified").path("fact").asLong()));
        }
        assertTrue(here.toString(), here.get("bj-hrss-2022").facts() > 1000);

        String command = "compliance:migrate " + url + " --user " + user + " --password " + password;
        Result engineer = ShellSessions.run(sessions, "engineer", ShellSessions.ENGINEER, command, "");
        assertNotNull("an engineer may not move the store: " + engineer.output(), engineer.error());
        assertEquals("nothing was copied by the engineer", null, targetHead(url, user, password, ids.get(0)));

        String out = ShellSessions.run(sessions, "admin", ADMIN, command, "").ok();
        for (Map.Entry<String, Head> e : here.entrySet()) {
            Head h = e.getValue();
            assertTrue(out, out.contains("合同 " + e.getKey() + "：已复制并核对，证据链末条一致 " + h.position() + ":" + h.hash()));
            // what the target holds, read with the database's own driver, not through the product
            assertEquals(h, targetHead(url, user, password, e.getKey()));
        }
        assertTrue(out, out.contains("迁移完成：" + ids.size() + " 个合同"));

        Result again = ShellSessions.run(sessions, "admin", ADMIN, command, "");
        assertNotNull(again.output(), again.error());
        assertTrue(again.error().getMessage(), again.error().getMessage().contains("目标数据库不是空的，已有合同 " + ids.get(0)));
    }

    private record Head(long position, String hash, long facts) {
    }

    /** The contract's chain head and fact count in the target database, or null when it has no schema yet. */
    private static Head targetHead(String url, String user, String password, String id) throws SQLException {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url);
        source.setUser(user);
        source.setPassword(password);
        try (Connection c = source.getConnection()) {
            if (!c.getMetaData().getTables(null, null, "evidence", null).next()) {
                return null;
            }
            long facts;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM fact WHERE contract_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    facts = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT position, entry_hash FROM evidence WHERE contract_id = ?"
                    + " ORDER BY position DESC LIMIT 1")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Head(rs.getLong(1), rs.getString(2), facts) : new Head(-1, null, facts);
                }
            }
        }
    }

    private static JsonNode json(Http.Reply r) {
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(r.body(), e);
        }
    }
}
