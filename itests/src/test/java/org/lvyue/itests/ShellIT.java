package org.lvyue.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.lvyue.itests.ShellSessions.Result;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The engineer's Karaf shell on the real distribution: the {@code compliance:} commands run through
 * Karaf's own {@link SessionFactory}, as a console or ssh session would run them, by a subject with
 * the engineer's roles, after facts came in over REST. Contracts, domains, evaluation, findings and
 * ledger show what the REST API shows; a report is written as a real PDF with its signature, which
 * {@code compliance:verify} accepts, and refuses for a tampered copy; an unknown contract is one
 * clear line; {@code --help} reads like Karaf's; contract ids, domain ids, statuses and report kinds
 * complete.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellIT {
    private static final String CONTRACT = "/contracts/bj-hrss-2022";

    @Inject
    SessionFactory sessions;

    @Configuration
    public Option[] config() {
        return Distribution.on(8187);
    }

    /** Runs one command line in a new session, as the engineer (the roles etc/users.properties gives them). */
    private Result run(String command) {
        return ShellSessions.run(sessions, "engineer", ShellSessions.ENGINEER, command, "");
    }

    @Test
    public void the_engineer_lists_evaluates_reads_findings_and_ledger_and_writes_a_signed_report() throws Exception {
        Await.domains(Await.SHIPPED_DOMAINS, CONTRACT);
        Await.until("compliance commands registered", () -> run("compliance:contracts"), r -> r.error() == null, 60_000);
        assertEquals(200, Http.post(CONTRACT + "/facts", "collector", "["
                + "{\"id\":\"sh-fail\",\"kind\":\"service.failure\",\"date\":\"2022-08-10\",\"status\":\"confirmed\","
                + "\"attributes\":{\"description\":\"核心交换机巡检漏报\"}}]").status());

        String contracts = run("compliance:contracts").ok();
        assertTrue(contracts, contracts.contains("bj-hrss-2022") && contracts.contains("安全应用维护服务")
                && contracts.contains("2022-01-01..2022-12-31") && contracts.contains("未消除违约 (open findings)"));

        String domains = run("compliance:domains").ok();
        for (String domain : Await.SHIPPED_DOMAINS) {
            assertTrue(domain + " in\n" + domains, domains.lines().anyMatch(l -> l.matches(domain + "[ \u3000].*运行 \\(ACTIVE\\).*")));
        }

        String evaluation = run("compliance:evaluate bj-hrss-2022 --period 2022-08 --as-of 2023-01-10").ok();
        assertTrue(evaluation, evaluation.contains("评估日 (as of) 2023-01-10") && evaluation.contains("用时 (took)")
                && evaluation.contains("2022-08-01..2022-08-31"));
        String generalTerms = evaluation.lines().filter(l -> l.startsWith("general-terms")).findFirst()
                .orElseThrow(() -> new AssertionError(evaluation));
        // domain | critical | high | ...: the confirmed failure of 2022-08-10 is one HIGH finding of general terms
        assertEquals(evaluation, "1", generalTerms.split("\\|")[2].strip());

        String findings = run("compliance:findings bj-hrss-2022 --domain general-terms --status OPEN --period 2022-Q3").ok();
        String failure = findings.lines().filter(l -> l.contains("服务不合格：核心交换机巡检漏报")).findFirst()
                .orElseThrow(() -> new AssertionError(findings));
        assertTrue(failure, failure.contains("一般条款 七.1") && failure.contains("高 (HIGH)") && failure.contains("2022-08-10")
                && failure.contains("未消除 (OPEN)"));

        String ledger = run("compliance:ledger bj-hrss-2022 --as-of 2023-01-10").ok();
        String penalty = ledger.lines().filter(l -> l.contains("核心交换机巡检漏报")).findFirst()
                .orElseThrow(() -> new AssertionError(ledger));
        assertTrue(penalty, penalty.contains("¥182,571.00") && penalty.contains("一般条款 七.1")
                && penalty.contains("A × 服务不合格违约金比例") && penalty.contains("乙方 (supplier)"));
        assertTrue(ledger, ledger.lines().anyMatch(l -> l.matches("乙方应付 \\(supplier owes\\)[ \u3000]*\\|[ \u3000]*¥182,571\\.00")));

        // the quarterly report as a file with its signature (409 while findings are re-evaluated: retried)
        Path dir = Files.createTempDirectory("lvyue-shell-it");
        Path pdf = dir.resolve("q3.pdf");
        String report = Await.until("the quarterly report written",
                () -> run("compliance:report bj-hrss-2022 quarterly 2022-Q3 --out " + pdf + " --with-signature"),
                r -> r.error() == null, 60_000).output();
        byte[] bytes = Files.readAllBytes(pdf);
        assertEquals("%PDF-", new String(bytes, 0, 5, StandardCharsets.US_ASCII));
        assertTrue(Files.size(dir.resolve("q3.pdf.p7s")) > 0);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertTrue(report, report.contains(pdf.toString()) && report.contains(sha256) && report.contains("页数 (pages)")
                && report.contains(String.format(java.util.Locale.ROOT, "%,d 字节 (bytes)", bytes.length)) && report.contains("SM3withSM2"));

        String verified = run("compliance:verify " + pdf + " " + dir.resolve("q3.pdf.p7s")).ok();
        assertTrue(verified, verified.startsWith("签名有效 (signature valid)") && verified.contains("SM3withSM2")
                && verified.lines().anyMatch(l -> l.matches("本产品密钥 \\(product key\\)[ \u3000]*\\|[ \u3000]*是 \\(yes\\)")));

        byte[] tampered = bytes.clone();
        tampered[tampered.length / 2] ^= 0x01;
        Path copy = Files.write(dir.resolve("q3-tampered.pdf"), tampered);
        String rejected = run("compliance:verify " + copy + " " + dir.resolve("q3.pdf.p7s")).ok();
        assertTrue(rejected, rejected.startsWith("签名无效 (signature INVALID)") && rejected.contains("原因 (reason)"));
    }

    @Test
    public void the_engineer_verifies_the_evidence_chain_and_backs_the_store_up_with_its_head() throws Exception {
        String verdict = run("compliance:integrity bj-hrss-2022").ok();
        assertTrue(verdict, verdict.startsWith("证据链完整 (evidence chain intact)"));
        java.nio.file.Path zip = java.nio.file.Files.createTempDirectory("lvyue-backup").resolve("store.zip");
        String backup = run("compliance:backup " + zip).ok();
        assertTrue(backup, java.nio.file.Files.size(zip) > 0 && backup.contains("bj-hrss-2022"));
        String[] head = backup.lines().filter(l -> l.split("\\|")[0].strip().equals("bj-hrss-2022")).findFirst().orElseThrow()
                .split("\\|")[1].strip().split(":");
        // the copy ends exactly at the head the command printed
        java.nio.file.Path restored = zip.resolveSibling("restored");
        java.nio.file.Files.createDirectories(restored);
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(java.nio.file.Files.newInputStream(zip))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                java.nio.file.Files.copy(in, restored.resolve(e.getName()));
            }
        }
        try (java.sql.Connection c = h2(restored.resolve("lvyue"));
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT MAX(position), COUNT(*) FROM evidence"
                     + " WHERE contract_id = 'bj-hrss-2022'")) {
            rs.next();
            assertEquals(Long.parseLong(head[0]), rs.getLong(1));
            assertEquals(Long.parseLong(head[0]) + 1, rs.getLong(2));
        }
        try (java.sql.Connection c = h2(restored.resolve("lvyue"));
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT entry_hash FROM evidence"
                     + " WHERE contract_id = 'bj-hrss-2022' AND position = " + Long.parseLong(head[0]))) {
            rs.next();
            assertEquals(head[1], rs.getString(1));
        }
        Result twice = run("compliance:backup " + zip);
        assertTrue(twice.output() + twice.error(), twice.error() != null
                && String.valueOf(twice.error().getMessage()).contains("备份文件已存在"));
    }

    /** A connection to an H2 file by its driver itself: DriverManager does not see drivers across bundles. */
    private static java.sql.Connection h2(java.nio.file.Path file) throws java.sql.SQLException {
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", "sa");
        login.setProperty("password", "");
        return new org.h2.Driver().connect("jdbc:h2:file:" + file, login);
    }

    /** What Karaf's completer of a command offers for the last word of a command line (the cursor at its end). */
    private List<String> complete(String... words) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessions.create(new ByteArrayInputStream(new byte[0]), out, out);
        try {
            String[] name = words[0].split(":");
            Command command = session.getRegistry().getCommands().stream()
                    .filter(c -> c.getScope().equals(name[0]) && c.getName().equals(name[1])).findFirst()
                    .orElseThrow(() -> new AssertionError(words[0] + " is not registered"));
            String buffer = String.join(" ", words);
            String last = words[words.length - 1];
            CommandLine line = new CommandLine() {
                public int getCursorArgumentIndex() { return words.length - 1; }
                public String getCursorArgument() { return last; }
                public int getArgumentPosition() { return last.length(); }
                public String[] getArguments() { return words; }
                public int getBufferPosition() { return buffer.length(); }
                public String getBuffer() { return buffer; }
            };
            List<String> candidates = new ArrayList<>();
            command.getCompleter(true).complete(session, line, candidates);
            return candidates.stream().map(String::strip).sorted().toList();
        } finally {
            session.close();
        }
    }

    @Test
    public void the_security_administrator_manages_organisations_members_and_tokens_and_the_engineer_and_the_system_administrator_may_not() throws Exception {
        List<String> admin = List.of("secadmin", "viewer", "ssh");
        Await.until("compliance commands registered", () -> ShellSessions.run(sessions, "secadmin", admin, "compliance:organisations", ""),
                r -> r.error() == null && r.output().contains("gxbf"), 60_000);
        String added = ShellSessions.run(sessions, "secadmin", admin, "compliance:organisation shell-org supplier 某安全公司", "").ok();
        assertTrue(added, added.startsWith("已新建机构 (added) shell-org"));
        assertTrue(ShellSessions.run(sessions, "secadmin", admin, "compliance:member shell-org zhang engineer", "").ok().startsWith("已授予"));
        String listed = ShellSessions.run(sessions, "secadmin", admin, "compliance:organisations --no-format", "").ok();
        assertTrue(listed, listed.lines().anyMatch(l -> l.equals("shell-org\tsupplier\t某安全公司\tzhang:engineer")));

        String issued = ShellSessions.run(sessions, "secadmin", admin, "compliance:tokens bj-hrss-2022 --issue 壳采集", "").ok();
        String secret = issued.lines().filter(l -> l.startsWith("lvy_")).findFirst().orElseThrow(() -> new AssertionError(issued));
        String tokens = ShellSessions.run(sessions, "secadmin", admin, "compliance:tokens bj-hrss-2022 --no-format", "").ok();
        assertTrue(tokens, tokens.contains("壳采集") && !tokens.contains(secret));
        String id = tokens.lines().filter(l -> l.contains("壳采集")).findFirst().orElseThrow().split("\t")[0];
        assertTrue(ShellSessions.run(sessions, "secadmin", admin, "compliance:tokens bj-hrss-2022 --revoke " + id, "").ok()
                .startsWith("已吊销令牌 #" + id));

        com.fasterxml.jackson.databind.JsonNode trail = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Http.get("/activity?user=secadmin&limit=20", "auditadmin").body());
        List<String> actions = new java.util.ArrayList<>();
        trail.path("entries").forEach(e -> actions.add(e.path("action").asText() + " " + e.path("address").asText()));
        assertTrue(actions.toString(), actions.containsAll(List.of("organisation-save shell", "member-add shell", "token-issue shell",
                "token-revoke shell")));

        Result refused = run("compliance:member shell-org li engineer");
        assertTrue("the engineer may not change memberships: " + refused, refused.error() != null);
        Result system = ShellSessions.run(sessions, "admin", List.of("admin", "manager", "viewer", "systembundles", "ssh"),
                "compliance:tokens bj-hrss-2022 --issue 系统管理员的", "");
        assertTrue("三权分立: the system administrator issues no token: " + system, system.error() != null);
    }

    @Test
    public void contract_ids_domain_ids_statuses_and_kinds_complete() throws Exception {
        Await.domains(Await.SHIPPED_DOMAINS, CONTRACT);
        Await.until("compliance commands registered", () -> run("compliance:contracts"), r -> r.error() == null, 60_000);
        assertEquals(List.of("bj-hrss-2022", "bj-hrss-2022-wl"), complete("compliance:findings", "bj"));
        assertEquals(List.of("security-audit", "security-verification", "staffing", "support"),
                complete("compliance:findings", "--domain", "s"));
        assertEquals(List.of("OPEN"), complete("compliance:findings", "--status", "O"));
        assertEquals(List.of("monthly"), complete("compliance:report", "bj-hrss-2022", "m"));
    }

    @Test
    public void an_unknown_contract_is_one_clear_line_and_help_reads_like_karafs() throws Exception {
        Await.domains(Await.SHIPPED_DOMAINS, CONTRACT);
        Await.until("compliance commands registered", () -> run("compliance:contracts"), r -> r.error() == null, 60_000);

        Result unknown = run("compliance:findings no-such-contract");
        if (unknown.error() == null) {
            fail("an unknown contract was accepted:\n" + unknown.output());
        }
        assertEquals("org.apache.karaf.shell.support.CommandException", unknown.error().getClass().getName());
        assertEquals("合同 'no-such-contract' 不存在 (contract not found)；现有合同 (contracts)：bj-hrss-2022, bj-hrss-2022-wl",
                unknown.error().getMessage());

        // the report service starts after the engine (its signing key is made at first start); until then the
        // command says so, then it refuses the malformed quarter itself
        Result badPeriod = Await.until("the report service", () -> run("compliance:report bj-hrss-2022 quarterly 2022-Q5"),
                r -> r.error() == null || !r.error().getMessage().startsWith("报告服务未启动"), 60_000);
        assertTrue(String.valueOf(badPeriod.error()), badPeriod.error() != null
                && badPeriod.error().getMessage().startsWith("季度有误：2022-Q5（quarter: 应为 yyyy-Qn"));

        String help = run("compliance:report --help").ok();
        for (String expected : new String[] {"DESCRIPTION", "compliance:report", "生成正式报告 PDF", "SYNTAX", "ARGUMENTS", "kind",
                "OPTIONS", "--with-signature", "--out", "--domain", "quarterly 2022-Q3"}) {
            assertTrue("help lacks " + expected + ":\n" + help, help.contains(expected));
        }
        String findingsHelp = run("compliance:findings --help").ok();
        assertTrue(findingsHelp, findingsHelp.contains("--status") && findingsHelp.contains("OPEN 未消除"));
    }
}
