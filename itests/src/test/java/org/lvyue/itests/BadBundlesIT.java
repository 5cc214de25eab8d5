package org.lvyue.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Bad domain bundles dropped into the running distribution's {@code deploy/}: a rule that throws,
 * rules that re-activate each other forever, a Java loop no JVM can stop, and bundles whose name,
 * version or domain another bundle has already. Each is refused or stopped with its reason in
 * {@code GET /api/domains} (and the shell), the open findings of the demo contract stay exactly what
 * they were (first seen and last changed at the same instants: nothing was resolved and reopened
 * meanwhile), the product keeps serving, and removing the jar returns things to normal. The
 * evaluation time limit is 5 s here (30 s shipped), to keep the test short.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BadBundlesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTRACT = "/contracts/bj-hrss-2022";
    private static final long TIMEOUT = 60_000;
    /** The Java loop of the stuck domain spins until this system property is true (the test runs in the container). */
    private static final String RELEASE_SPIN = "lvyue.it.spin.release";

    @Inject
    SessionFactory sessions;

    @Inject
    org.osgi.service.cm.ConfigurationAdmin configurations;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(Distribution.on(8193),
                editConfigurationFilePut("etc/org.lvyue.engine.cfg", "evaluationTimeLimit", "5"));
    }

    @Test
    public void a_domain_whose_rule_throws_is_stopped_with_its_reason_and_a_fixed_revision_is_tried_again() throws Exception {
        Set<String> before = steadyOpenFindings();
        String drl = "package org.lvyue.test.throwing;\n"
                + "import org.lvyue.api.contract.Contract;\n"
                + "rule \"it-throws: 证书链校验\"\n"
                + "when\n"
                + "    $c : Contract()\n"
                + "then\n"
                + "    throw new IllegalStateException(\"证书链无法校验 \" + $c.id());\n"
                + "end\n";
        DomainJars.deploy(deploy(), "it-throws.jar", DomainJars.jar("org.lvyue.test.throws", "1.0.0", "it-throws", drl,
                DomainJars.catalogue("it-throws")));

        JsonNode stopped = awaitDomain("it-throws", d -> "STOPPED".equals(d.path("state").asText()));
        JsonNode problem = stopped.path("problems").get(0);
        assertEquals("rules/it-throws.drl", problem.path("file").asText());
        assertEquals(3, problem.path("line").asInt());
        String message = problem.path("message").asText();
        // the rule throws on either contract of the demo portfolio, whichever is evaluated first
        assertTrue(message, message.matches("规则 'it-throws: 证书链校验' 运行时出错：IllegalStateException: 证书链无法校验 bj-hrss-2022(-wl)?"
                + "；该领域已停止，其余领域照常评估 \\(rule 'it-throws: 证书链校验' failed at run time; the domain is stopped.*"));
        assertEquals(0, stopped.path("ruleCount").asInt());
        assertEquals("DEGRADED", health().path("status").asText());
        assertTrue(inDomainsEndpoint("it-throws", "STOPPED"));
        String shell = shell("compliance:domains");
        assertTrue(shell, shell.lines().anyMatch(l -> l.startsWith("it-throws") && l.contains("已停止 (STOPPED)")
                && l.contains("rules/it-throws.drl:3 规则 'it-throws: 证书链校验' 运行时出错")));
        assertEquals(before, steadyOpenFindings());

        // the same jar fixed: the new revision is tried, runs, and its finding opens
        DomainJars.deploy(deploy(), "it-throws.jar", DomainJars.jar("org.lvyue.test.throws", "1.0.1", "it-throws",
                DomainJars.alwaysRule("it-throws", "修好了"), DomainJars.catalogue("it-throws")));
        awaitDomain("it-throws", d -> "1.0.1".equals(d.path("version").asText()) && "ACTIVE".equals(d.path("state").asText()));
        Await.until("the fixed rule's finding", () -> titles("it-throws"), t -> t.contains("修好了"), TIMEOUT);
        assertTrue(domains().stream().noneMatch(d -> "it-throws".equals(d.path("domain").asText())
                && !"ACTIVE".equals(d.path("state").asText())));

        removeAndAwaitNormal("it-throws.jar", "it-throws", before);
    }

    @Test
    public void rules_that_re_activate_each_other_forever_are_halted_at_the_time_limit_and_their_domain_stopped()
            throws Exception {
        Set<String> before = steadyOpenFindings();
        String drl = "package org.lvyue.test.looping;\n"
                + "import org.lvyue.api.contract.Contract;\n"
                + "declare Tick\n"
                + "    n : long\n"
                + "end\n"
                + "rule \"it-loop: 开始计数\"\n"
                + "when\n"
                + "    Contract()\n"
                + "then\n"
                + "    insert(new Tick(0));\n"
                + "end\n"
                + "rule \"it-loop: 再数一次\"\n"
                + "when\n"
                + "    $t : Tick(n >= 0)\n"
                + "then\n"
                + "    modify($t) { setN($t.getN() + 1) }\n"
                + "end\n";
        long t0 = System.nanoTime();
        DomainJars.deploy(deploy(), "it-loop.jar", DomainJars.jar("org.lvyue.test.loop", "1.0.0", "it-loop", drl,
                DomainJars.catalogue("it-loop")));

        JsonNode stopped = awaitDomain("it-loop", d -> "STOPPED".equals(d.path("state").asText()));
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertTrue("stopped by the 5 s limit: " + took + " ms", took >= 5_000);
        JsonNode problem = stopped.path("problems").get(0);
        assertEquals(12, problem.path("line").asInt());
        String message = problem.path("message").asText();
        assertTrue(message, message.startsWith("评估超过时间限制 5 秒，本领域的规则触发最多（共触发 "));
        assertTrue(message, message.contains("其中规则 'it-loop: 再数一次' "));
        assertTrue(message, message.contains("(time limit of 5 s exceeded: this domain's rules fired most, likely an endless"
                + " rule loop; the domain is stopped, the others are evaluated as before)"));
        assertEquals(before, steadyOpenFindings());

        removeAndAwaitNormal("it-loop.jar", "it-loop", before);
    }

    @Test
    public void a_java_loop_is_reported_stuck_the_engine_unhealthy_and_the_product_keeps_serving() throws Exception {
        System.clearProperty(RELEASE_SPIN);
        Set<String> before = steadyOpenFindings();
        String drl = "package org.lvyue.test.spinning;\n"
                + "import org.lvyue.api.contract.Contract;\n"
                + "rule \"it-spin: 忙等\"\n"
                + "when\n"
                + "    Contract()\n"
                + "then\n"
                + "    while (!Boolean.getBoolean(\"" + RELEASE_SPIN + "\")) {\n"
                + "    }\n"
                + "end\n";
        try {
            DomainJars.deploy(deploy(), "it-spin.jar", DomainJars.jar("org.lvyue.test.spin", "1.0.0", "it-spin", drl,
                    DomainJars.catalogue("it-spin")));

            JsonNode stuck = awaitDomain("it-spin", d -> "STUCK".equals(d.path("state").asText()));
            String message = stuck.path("problems").get(0).path("message").asText();
            assertTrue(message, message.startsWith("规则 'it-spin: 忙等' 超过时间限制 5 秒后既不能暂停也不能中断（疑似 Java 代码中的死循环）；"
                    + "其线程 lvyue-rules-"));
            assertTrue(message, message.contains("cannot be stopped safely in a JVM and keeps a processor busy until the engine"
                    + " restarts"));
            assertEquals("UNHEALTHY", health().path("status").asText());
            assertEquals(before, steadyOpenFindings());

            // the product keeps serving: a batch is stored and evaluated while the thread still spins
            Http.Reply stored = Http.post(CONTRACT + "/facts", "collector", "[{\"id\":\"it-spin-drill\",\"kind\":\"drill.performed\","
                    + "\"date\":\"2022-06-15\",\"attributes\":{\"scenario\":\"核心数据库勒索病毒处置\"}}]");
            assertEquals(stored.body(), 200, stored.status());
            assertEquals(stored.body(), 1, JSON.readTree(stored.body()).path("stored").asInt());
            assertTrue(stored.body(), !JSON.readTree(stored.body()).hasNonNull("evaluationError"));

            System.setProperty(RELEASE_SPIN, "true");
            awaitDomain("it-spin", d -> "STOPPED".equals(d.path("state").asText()));
            assertEquals("DEGRADED", health().path("status").asText());
        } finally {
            System.setProperty(RELEASE_SPIN, "true");
        }
        removeAndAwaitNormal("it-spin.jar", "it-spin", null);
    }

    @Test
    public void a_second_bundle_of_a_name_version_or_domain_already_running_is_refused_and_the_first_keeps_running()
            throws Exception {
        Set<String> before = steadyOpenFindings();
        Path shipped;
        try (var files = Files.list(deploy())) {
            shipped = files.filter(p -> p.getFileName().toString().startsWith("domain-emergency-drill")).findFirst().orElseThrow();
        }
        String sn = "org.lvyue.domain-emergency-drill";
        long runningId = domains().stream().filter(d -> sn.equals(d.path("symbolicName").asText())).findFirst().orElseThrow()
                .path("bundleId").asLong();

        // the shipped jar copied under a second name: the bundle installed first keeps running, untouched
        String runningSince = awaitBundle(sn, d -> "ACTIVE".equals(d.path("state").asText())).path("since").asText();
        Path tmp = Files.createTempFile(deploy().getParent(), "copy", ".tmp");
        Files.copy(shipped, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, deploy().resolve("drill-copy.jar"), StandardCopyOption.ATOMIC_MOVE);
        JsonNode copy = awaitBundle(sn, d -> "REFUSED".equals(d.path("state").asText()) && d.path("bundleId").asLong() == -1);
        assertEquals("drill-copy.jar", copy.path("problems").get(0).path("file").asText());
        String copyMessage = copy.path("problems").get(0).path("message").asText();
        assertTrue(copyMessage, copyMessage.startsWith("与已安装的 bundle（" + shipped.getFileName() + "，编号 " + runningId
                + "）同名同版本：先安装的那个继续运行，此 jar 不予安装；删除此 jar 不影响运行中的 bundle"));

        // another bundle claiming the domain: the first bundle to claim it keeps it
        DomainJars.deploy(deploy(), "drill-fork.jar", DomainJars.jar("org.lvyue.test.drill-fork", "9.0.0", "emergency-drill",
                DomainJars.alwaysRule("emergency-drill", "分叉"), DomainJars.catalogue("emergency-drill")));
        JsonNode fork = awaitBundle("org.lvyue.test.drill-fork", d -> "REFUSED".equals(d.path("state").asText()));
        assertTrue(fork.toString(), fork.path("problems").get(0).path("message").asText()
                .startsWith("领域 'emergency-drill' 已由 bundle " + sn + " 提供"));

        // an older version of the running bundle: the highest version of a name runs
        DomainJars.deploy(deploy(), "drill-old.jar", DomainJars.jar(sn, "0.0.1", "emergency-drill",
                DomainJars.alwaysRule("emergency-drill", "旧版"), DomainJars.catalogue("emergency-drill")));
        JsonNode old = awaitBundle(sn, d -> "0.0.1".equals(d.path("version").asText()) && "REFUSED".equals(d.path("state").asText()));
        assertTrue(old.toString(), old.path("problems").get(0).path("message").asText()
                .startsWith("同名 bundle 的更高版本 0.1.0.SNAPSHOT 正在运行"));

        JsonNode running = awaitBundle(sn, d -> "ACTIVE".equals(d.path("state").asText()));
        assertEquals(runningId, running.path("bundleId").asLong());
        assertEquals("not even restarted", runningSince, running.path("since").asText());
        assertEquals("0.1.0.SNAPSHOT", running.path("version").asText());
        assertEquals("DEGRADED", health().path("status").asText());
        assertEquals(before, steadyOpenFindings());

        for (String jar : List.of("drill-copy.jar", "drill-fork.jar", "drill-old.jar")) {
            Files.delete(deploy().resolve(jar));
        }
        Await.until("no refused bundle", BadBundlesIT::domains,
                ds -> ds.stream().allMatch(d -> "ACTIVE".equals(d.path("state").asText())), TIMEOUT);
        assertEquals("UP", health().path("status").asText());
        JsonNode stillRunning = awaitBundle(sn, d -> "ACTIVE".equals(d.path("state").asText()));
        assertEquals("removing the duplicate left the running bundle alone", runningId, stillRunning.path("bundleId").asLong());
        assertEquals(runningSince, stillRunning.path("since").asText());
        assertEquals(before, steadyOpenFindings());
    }

    @Test
    public void a_bundle_changed_after_its_signing_is_refused_and_when_signatures_are_required_only_a_trusted_signers_loads()
            throws Exception {
        Path work = Files.createTempDirectory("signing");
        Path key = work.resolve("vendor.p12");
        String made = signBundle("new-key", key.toString(), "CN=测试厂商 规则包签名,O=测试厂商");
        String fingerprint = made.replaceAll("(?s).*trustedBundleSigners\\): ([0-9a-f]{64}).*", "$1");
        assertTrue(made, fingerprint.matches("[0-9a-f]{64}"));

        // signed, then a rule changed in the jar: refused whatever the policy, with the file named
        byte[] original = DomainJars.jar("org.lvyue.test.tampered", "1.0.0", "it-tampered",
                DomainJars.alwaysRule("it-tampered", "签名后被改动"), DomainJars.catalogue("it-tampered"));
        byte[] tampered = DomainJars.replace(signed(work, key, "tampered", original), "rules/it-tampered.drl",
                DomainJars.alwaysRule("it-tampered", "偷偷改过的规则"));
        DomainJars.deploy(deploy(), "it-tampered.jar", tampered);
        JsonNode refused = awaitDomain("it-tampered", d -> "REFUSED".equals(d.path("state").asText()));
        assertEquals("META-INF/LVYUE-DOMAIN.P7S", refused.path("problems").get(0).path("file").asText());
        assertTrue(refused.toString(), refused.path("problems").get(0).path("message").asText()
                .contains("签名后文件被改动") && refused.toString().contains("/rules/it-tampered.drl"));
        assertTrue(titles("it-tampered").isEmpty());

        byte[] unsigned = DomainJars.jar("org.lvyue.test.unsigned", "1.0.0", "it-unsigned",
                DomainJars.alwaysRule("it-unsigned", "未签名"), DomainJars.catalogue("it-unsigned"));
        byte[] signed = signed(work, key, "signed", DomainJars.jar("org.lvyue.test.signed", "1.0.0", "it-signed",
                DomainJars.alwaysRule("it-signed", "已签名"), DomainJars.catalogue("it-signed")));
        try (ConfigChange required = ConfigChange.of(configurations, "org.lvyue.engine",
                java.util.Map.of("requireSignedBundles", "true", "trustedBundleSigners", fingerprint))) {
            DomainJars.deploy(deploy(), "it-unsigned.jar", unsigned);
            DomainJars.deploy(deploy(), "it-signed.jar", signed);
            JsonNode notSigned = awaitDomain("it-unsigned", d -> "REFUSED".equals(d.path("state").asText()));
            assertTrue(notSigned.toString(), notSigned.path("problems").get(0).path("message").asText().startsWith("未签名"));
            awaitDomain("it-signed", d -> "ACTIVE".equals(d.path("state").asText()));
            Await.until("the signed bundle's rule evaluated", () -> titles("it-signed"), t -> !t.isEmpty(), TIMEOUT);
            Set<String> shippedActive = new TreeSet<>();
            domains().stream().filter(d -> "ACTIVE".equals(d.path("state").asText()))
                    .forEach(d -> shippedActive.add(d.path("domain").asText()));
            assertTrue("the bundles the distribution ships (unsigned, in deploy/) still run: " + shippedActive,
                    shippedActive.containsAll(Await.SHIPPED_DOMAINS));

            // the signer no longer trusted: the running bundle is taken out at once
            try (ConfigChange distrusted = ConfigChange.of(configurations, "org.lvyue.engine",
                    java.util.Map.of("requireSignedBundles", "true", "trustedBundleSigners", "00".repeat(32)))) {
                JsonNode untrusted = awaitDomain("it-signed", d -> "REFUSED".equals(d.path("state").asText()));
                assertTrue(untrusted.toString(), untrusted.toString().contains(fingerprint));
                Await.until("its findings gone with it", () -> titles("it-signed"), List::isEmpty, TIMEOUT);
            }
        }
        // signatures no longer required: the unsigned bundle loads, the tampered one stays out
        awaitDomain("it-unsigned", d -> "ACTIVE".equals(d.path("state").asText()));
        awaitDomain("it-signed", d -> "ACTIVE".equals(d.path("state").asText()));
        awaitDomain("it-tampered", d -> "REFUSED".equals(d.path("state").asText()));
        Files.delete(deploy().resolve("it-tampered.jar")); // the refused one first: then the node is UP again
        removeAndAwaitNormal("it-unsigned.jar", "it-unsigned", null);
        removeAndAwaitNormal("it-signed.jar", "it-signed", null);
        Await.until("the tampered bundle gone", BadBundlesIT::domains,
                ds -> ds.stream().noneMatch(d -> "it-tampered".equals(d.path("domain").asText())), TIMEOUT);
    }

    // ---- helpers

    /** Runs the distribution's {@code bin/sign-bundle} as its user would; what it printed. */
    private static String signBundle(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("karaf.home"), "bin", "sign-bundle").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("LVYUE_KEY_PASSWORD", "it-vendor-key");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue("sign-bundle ended: " + out, p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(out, 0, p.exitValue());
        return out;
    }

    private static byte[] signed(Path work, Path key, String name, byte[] jar) throws Exception {
        Path in = work.resolve(name + ".jar");
        Path out = work.resolve(name + "-signed.jar");
        Files.write(in, jar);
        signBundle("sign", key.toString(), in.toString(), out.toString());
        return Files.readAllBytes(out);
    }

    private static Path deploy() {
        return Path.of(System.getProperty("karaf.base"), "deploy");
    }

    /**
     * Every open finding of the demo contract once the findings are recorded on the active rule set:
     * key, title, detail, and when it was first seen and last changed.
     */
    private static Set<String> steadyOpenFindings() throws Exception {
        Await.domains(Await.SHIPPED_DOMAINS, CONTRACT);
        Set<String> out = new TreeSet<>();
        for (int offset = 0; ; offset += 5000) {
            Http.Reply r = Http.get(CONTRACT + "/findings?status=OPEN&limit=5000&offset=" + offset, "evaluator");
            assertEquals(r.body(), 200, r.status());
            JsonNode page = JSON.readTree(r.body()).path("findings");
            page.forEach(f -> out.add(f.path("key").asText() + " | " + f.path("title").asText() + " | "
                    + f.path("detail").asText() + " | " + f.path("firstSeenAt").asText() + " | " + f.path("changedAt").asText()));
            if (page.size() < 5000) {
                return out;
            }
        }
    }

    /** Removes the jar and waits until the domain is gone, every domain active and, if given, the findings as before. */
    private static void removeAndAwaitNormal(String jar, String domain, Set<String> before) throws Exception {
        Files.delete(deploy().resolve(jar));
        Await.until(domain + " gone", BadBundlesIT::domains,
                ds -> ds.stream().noneMatch(d -> domain.equals(d.path("domain").asText())), TIMEOUT);
        Set<String> after = steadyOpenFindings();
        assertEquals("UP", health().path("status").asText());
        if (before != null) {
            assertEquals(keysAndTitles(before), keysAndTitles(after));
        }
    }

    /** Key and title only: a domain that ran for a while may have changed another domain's finding and back. */
    private static Set<String> keysAndTitles(Set<String> findings) {
        Set<String> out = new TreeSet<>();
        findings.forEach(f -> out.add(String.join(" | ", List.of(f.split(" \\| ", -1)).subList(0, 2))));
        return out;
    }

    private static List<String> titles(String domain) {
        try {
            Http.Reply r = Http.get(CONTRACT + "/findings?status=OPEN&domain=" + domain, "evaluator");
            List<String> out = new ArrayList<>();
            JSON.readTree(r.body()).path("findings").forEach(f -> out.add(f.path("title").asText()));
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode health() throws Exception {
        return JSON.readTree(Http.get("/health", null).body());
    }

    private static List<JsonNode> domains() {
        List<JsonNode> out = new ArrayList<>();
        Http.health().path("domains").forEach(out::add);
        return out;
    }

    /** Whether {@code GET /api/domains}, what the console shows, lists the domain in that state. */
    private static boolean inDomainsEndpoint(String domain, String state) throws Exception {
        Http.Reply r = Http.get("/domains", "evaluator");
        assertEquals(r.body(), 200, r.status());
        for (JsonNode b : JSON.readTree(r.body()).path("bundles")) {
            if (domain.equals(b.path("domain").asText()) && state.equals(b.path("state").asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode awaitDomain(String domain, Predicate<JsonNode> state) {
        return awaitMatching("domain " + domain, d -> domain.equals(d.path("domain").asText()) && state.test(d));
    }

    private static JsonNode awaitBundle(String symbolicName, Predicate<JsonNode> state) {
        return awaitMatching("bundle " + symbolicName, d -> symbolicName.equals(d.path("symbolicName").asText()) && state.test(d));
    }

    private static JsonNode awaitMatching(String what, Predicate<JsonNode> match) {
        return Await.until(what, BadBundlesIT::domains, ds -> ds.stream().anyMatch(match), TIMEOUT)
                .stream().filter(match).findFirst().orElseThrow();
    }

    /** Runs a shell command as the engineer and returns what it printed. */
    private String shell(String command) {
        return ShellSessions.run(sessions, "engineer", ShellSessions.ENGINEER, command + " --no-format", "").ok();
    }
}
