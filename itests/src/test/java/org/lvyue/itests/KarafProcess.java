package org.lvyue.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The distribution the build made (its tar.gz, system property {@code lvyue.distribution}), unpacked
 * under {@code target/} and started as a process of its own, as an operator would run it: for the
 * browser tests (Selenium belongs in the test JVM, not inside Karaf) and for the crash tests, which
 * kill it with SIGKILL and start it again on the same data. It listens on the given HTTP
 * port; its SSH and RMI ports are free ones, so it never collides with another Karaf on the machine.
 */
final class KarafProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Path home;
    final int port;
    final String base;
    private final Process process;

    private KarafProcess(Path home, int port, Process process) {
        this.home = home;
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
        // a new container has a new store: tokens issued by one started before on this port are unknown to it
        Http.forgetTokens(base + "/api");
        this.process = process;
    }

    /**
     * Unpacks a fresh copy into {@code dir} and starts it: HTTP on {@code port}, the demo year loaded
     * at {@code demoScale} of its bulky volumes (0 = no demo year), the product's own day (2023-03-01).
     */
    static KarafProcess start(Path dir, int port, double demoScale) throws IOException {
        return start(dir, port, demoScale, java.util.Map.of());
    }

    /**
     * As {@link #start(Path, int, double)}, with {@code settings} written into {@code etc/} before it starts:
     * configuration file name, then key and value (a file that does not exist is made).
     */
    static KarafProcess start(Path dir, int port, double demoScale, java.util.Map<String, java.util.Map<String, String>> settings)
            throws IOException {
        return start(dir, port, demoScale, settings, java.util.Map.of());
    }

    /**
     * As {@link #start(Path, int, double, java.util.Map)}, with {@code files} (path under the distribution's home, then
     * content) put in place before it starts, as an operator copies a key store to a node.
     */
    static KarafProcess start(Path dir, int port, double demoScale, java.util.Map<String, java.util.Map<String, String>> settings,
                              java.util.Map<String, byte[]> files) throws IOException {
        Path tarball = Path.of(System.getProperty("lvyue.distribution"));
        deleteTree(dir);
        Files.createDirectories(dir);
        untar(tarball, dir);
        Path home;
        try (var s = Files.list(dir)) {
            home = s.filter(Files::isDirectory).findFirst().orElseThrow(() -> new IOException("nothing unpacked from " + tarball));
        }
        set(home.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", Integer.toString(port));
        set(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", Integer.toString(freePort()));
        set(home.resolve("etc/org.lvyue.demo.cfg"), "load", Boolean.toString(demoScale > 0));
        if (demoScale > 0) {
            set(home.resolve("etc/org.lvyue.demo.cfg"), "scale", Double.toString(demoScale));
        }
        for (var file : settings.entrySet()) {
            for (var setting : file.getValue().entrySet()) {
                set(home.resolve("etc").resolve(file.getKey()), setting.getKey(), setting.getValue());
            }
        }
        for (var file : files.entrySet()) {
            Path target = home.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        return new KarafProcess(home, port, launch(home));
    }

    /** Starts the distribution at {@code home} again, on the data and configuration it has. */
    static KarafProcess restart(Path home, int port) throws IOException {
        return new KarafProcess(home, port, launch(home));
    }

    private static Process launch(Path home) throws IOException {
        Path karaf = home.resolve("bin/karaf");
        ProcessBuilder pb = new ProcessBuilder(karaf.toString(), "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.getParent().resolve("karaf.out").toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return pb.start();
    }

    /**
     * {@code kill -9} of the Karaf JVM and of the script that started it: SIGKILL, no shutdown hook,
     * no chance to flush anything. Returns once both are gone.
     */
    void killDashNine() {
        List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().join();
        }
    }

    /** The Karaf JVM's process id (the launcher script's child), for signals a test sends it. */
    long javaPid() {
        return process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst().orElse(process.toHandle()).pid();
    }

    /** Sets {@code key = value} in a configuration file, replacing the line that sets it or adding one. */
    private static void set(Path cfg, String key, String value) throws IOException {
        List<String> lines = Files.exists(cfg) ? Files.readAllLines(cfg, StandardCharsets.UTF_8) : List.of();
        Pattern p = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:].*$");
        List<String> out = new java.util.ArrayList<>();
        boolean done = false;
        for (String line : lines) {
            if (p.matcher(line).matches()) {
                out.add(key + " = " + value);
                done = true;
            } else {
                out.add(line);
            }
        }
        if (!done) {
            out.add(key + " = " + value);
        }
        Files.write(cfg, out, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Unpacks the tar.gz with the machine's tar, as an operator would. */
    private static void untar(Path tarball, Path dir) throws IOException {
        try {
            Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", dir.toString()).redirectErrorStream(true).start();
            String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (tar.waitFor() != 0) {
                throw new IOException("tar -xzf " + tarball + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** A reply of the API: status and body. */
    record Reply(int status, String body, String contentType, java.net.http.HttpHeaders headers) {
        /** A header of the answer, or null. */
        String header(String name) {
            return headers == null ? null : headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }
    }

    /** GET a path of the server as a demo user (the password is the user name), or anonymously (null). */
    Reply get(String path, String user) {
        return send(request(path, user).GET());
    }

    /** POST JSON to a path of the server as a demo user. An answer cut off by the server's death is status -1. */
    Reply post(String path, String user, String json) {
        return send(request(path, user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** GET a path as a demo user, the answer's body as bytes (a PDF); null unless 200. */
    byte[] bytes(String path, String user) {
        try {
            HttpResponse<byte[]> r = CLIENT.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST bytes (a jar, a certificate) to a path of the server as a demo user. */
    Reply upload(String path, String user, String contentType, byte[] body) {
        return send(request(path, user).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** PUT JSON to a path of the server as a demo user. */
    Reply put(String path, String user, String json) {
        return send(request(path, user).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** A request without a login, with the given headers (name, value, ...) and a JSON body unless null. */
    Reply anonymous(String method, String path, String json, String... headers) {
        HttpRequest.Builder b = request(path, null).method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    /** DELETE a path of the server as a demo user. */
    Reply delete(String path, String user) {
        return send(request(path, user).DELETE());
    }

    private HttpRequest.Builder request(String path, String user) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (user != null) {
            // the collector's requests on a contract carry that contract's API token, as in the product
            b.header("Authorization", path.startsWith("/api/") ? Http.authorization(base + "/api", path.substring(4), user)
                    : "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    private static Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""), r.headers());
        } catch (IOException e) {
            return new Reply(-1, e.toString(), "", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Fails early, with the end of its output, when the process died. */
    void assertAlive() {
        if (!process.isAlive()) {
            throw new AssertionError("Karaf exited with " + process.exitValue() + ":\n" + tail());
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(home.getParent().resolve("karaf.out"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Until the REST API answers /api/health with every shipped domain active. */
    void awaitUp() {
        Await.until("the distribution on port " + port, () -> {
            assertAlive();
            Reply r = get("/api/health", null);
            return r.status() == 200 ? r.json() : null;
        }, h -> h != null && activeDomains(h) >= Await.SHIPPED_DOMAINS.size(), 180_000);
    }

    private static long activeDomains(JsonNode health) {
        long n = 0;
        for (JsonNode d : health.path("domains")) {
            if ("ACTIVE".equals(d.path("state").asText())) {
                n++;
            }
        }
        return n;
    }

    /** Until the demo year is loaded (its marker written) and the findings were recorded with the active rule set. */
    void awaitDemoYear(String contract) {
        Path marker = home.resolve("data/lvyue/demo-year.loaded");
        Await.until("the demo year loaded", () -> {
            assertAlive();
            return Files.exists(marker);
        }, loaded -> loaded, 600_000);
        awaitFindingsCurrent(contract);
    }

    /**
     * Until the contract's findings were recorded with the active rule set: after a bundle change the
     * product re-evaluates in the background; reports wait for it (503 with Retry-After past the wait).
     */
    void awaitFindingsCurrent(String contract) {
        Await.until("findings current with the rule set", () -> {
            long active = get("/api/health", null).json().path("ruleSetVersion").asLong(-1);
            Reply c = get("/api/contracts/" + contract, "evaluator");
            return c.status() == 200 && active == c.json().path("findingsRuleSetVersion").asLong();
        }, current -> current, 120_000);
    }

    /** bin/stop, then waits for the process to end; destroys it if it does not within a minute. */
    @Override
    public void close() throws IOException {
        try {
            if (process.isAlive()) {
                Process stop = new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                stop.waitFor(30, TimeUnit.SECONDS);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            }
            // a JVM that outlived its launcher (stopped by a signal, hung) would keep its ports from the next test
            process.descendants().forEach(p -> {
                p.destroyForcibly();
                p.onExit().join();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
