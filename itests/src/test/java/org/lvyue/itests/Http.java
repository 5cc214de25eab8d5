package org.lvyue.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Real HTTP calls to the distribution under test, on loopback. Each test class gives its container
 * its own port ({@link #PORT_PROPERTY}), so a container still releasing its port never answers for
 * the next one.
 */
final class Http {
    static final String PORT_PROPERTY = "lvyue.itest.port";
    static final String BASE = "http://127.0.0.1:" + Integer.getInteger(PORT_PROPERTY, 8181) + "/api";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, String body) {
    }

    private Http() {
    }

    static Reply get(String path, String user) {
        return send(request(path, user).GET().build());
    }

    static Reply post(String path, String user, String json) {
        return send(request(path, user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    /** {@code GET /health} as JSON, or an empty object while the REST servlet is not up yet (Jetty answers 404 in HTML). */
    static com.fasterxml.jackson.databind.JsonNode health() {
        Reply r = get("/health", null);
        try {
            return r.status() == 200 ? new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body())
                    : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A file upload: the body as bytes, {@code application/octet-stream}. */
    static Reply upload(String path, String user, byte[] body) {
        return send(request(path, user).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A binary answer (a PDF, a signature) with its headers. */
    record Download(int status, byte[] body, java.net.http.HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Download download(String path, String user) {
        try {
            HttpResponse<byte[]> resp = CLIENT.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(resp.statusCode(), resp.body(), resp.headers());
        } catch (IOException e) {
            throw new AssertionError(path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A body of any type, e.g. a jar as {@code application/java-archive} or a sheet as {@code text/csv}. */
    static Reply send(String path, String user, String contentType, byte[] body) {
        return send(request(path, user).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A GET with a password of one's own (the demo users' password is their name): a failed login. */
    static Reply getWithPassword(String path, String user, String password) {
        return send(HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))).GET().build());
    }

    /** A query value, percent-encoded (a space as %20, as a path or query needs it). */
    static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A PUT of a body of that type, e.g. a contract's plain text. */
    static Reply put(String path, String user, String contentType, String body) {
        return send(request(path, user).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    static Reply delete(String path, String user) {
        return send(request(path, user).DELETE().build());
    }

    /**
     * The user that stands for a collector. On a contract's path the request carries that contract's API
     * token ({@link #collectorToken}), as a collector's does: the shared {@code collector} password grants no
     * contract. Elsewhere ({@code /me}, {@code /domains}) it is the realm's {@code collector} user.
     */
    static final String COLLECTOR = "collector";
    private static final java.util.Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.regex.Pattern CONTRACT_PATH = java.util.regex.Pattern.compile("^/contracts/([^/?]+)[/?].*|^/contracts/([^/?]+)$");

    /**
     * An API token of the contract, issued once per container by the demo security administrator ({@code secadmin},
     * who manages every contract's tokens) through the API, as a collector gets one; null when the contract has none to give (it does not exist).
     */
    static String collectorToken(String apiBase, String contract) {
        // a token the container did not issue (it was busy, the contract moving between nodes) is not remembered
        String token = TOKENS.computeIfAbsent(apiBase + " " + contract, k -> {
            Reply issued = send(basic(HttpRequest.newBuilder(URI.create(apiBase + "/contracts/" + contract + "/tokens")), "secadmin")
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"itest collector\"}", StandardCharsets.UTF_8)).build());
            if (issued.status() != 201) {
                return null;
            }
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(issued.body()).path("secret").asText();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        return token == null ? "" : token;
    }

    /** Forgets the tokens issued by the container at {@code apiBase}: the next one started there has its own store. */
    static void forgetTokens(String apiBase) {
        TOKENS.keySet().removeIf(k -> k.startsWith(apiBase + " "));
    }

    /** The principal the activity trail and the facts' source name for the collector's requests on the contract. */
    static String collectorPrincipal(String contract) {
        collectorToken(BASE, contract);
        try {
            JsonNode tokens = new com.fasterxml.jackson.databind.ObjectMapper().readTree(get("/contracts/" + contract + "/tokens", "secadmin").body());
            for (JsonNode t : tokens) {
                if (t.path("name").asText().equals("itest collector")) {
                    return t.path("principal").asText();
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no itest collector token on " + contract);
    }

    /** The Authorization header of a demo user (the password is the user name) on a path; a collector's is a token. */
    static String authorization(String path, String user) {
        return authorization(BASE, path, user);
    }

    /** The same for the API at {@code apiBase}, the path below it. */
    static String authorization(String apiBase, String path, String user) {
        java.util.regex.Matcher m = CONTRACT_PATH.matcher(path);
        if (COLLECTOR.equals(user) && m.matches()) {
            String token = collectorToken(apiBase, m.group(1) != null ? m.group(1) : m.group(2));
            if (!token.isEmpty()) {
                return "Bearer " + token;
            }
        }
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder basic(HttpRequest.Builder b, String user) {
        return b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpRequest.Builder request(String path, String user) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30));
        if (user != null) {
            b.header("Authorization", authorization(path, user));
        }
        return b;
    }

    private static Reply send(HttpRequest r) {
        try {
            HttpResponse<String> resp = CLIENT.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(resp.statusCode(), resp.body());
        } catch (IOException e) {
            return new Reply(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
