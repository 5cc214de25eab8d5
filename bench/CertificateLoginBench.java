import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lvyue.api.security.CertificateLogin;
import org.lvyue.testing.Sm2TestKeys;

/**
 * Issue #25's login figure for a login by SM2 signature, on a running distribution: registers an SM2 certificate for
 * the user (its password once, with the proof of the key), then N logins, each a challenge (POST /api/session/challenge),
 * the signature made here, and the login (POST /api/session/certificate: the challenge's seal, the account's
 * certificate from the database, the SM2 verification, the challenge taken in the database, the realm's roles, the
 * trail). Prints the login request's median and p90, and the whole round's (challenge, signing, login).
 * Usage: java -cp <compliance-security's test class path> bench/CertificateLoginBench.java http://127.0.0.1:8181 user password n
 */
public class CertificateLoginBench {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern FIELD = Pattern.compile("\"(challenge|host)\"\\s*:\\s*\"([^\"]*)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String user = args[1];
        String password = args[2];
        int n = Integer.parseInt(args[3]);
        Sm2TestKeys keys = Sm2TestKeys.generate("CN=" + user);
        String[] c = challenge(base);
        String proof = sign(keys, user, c);
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> registered = send("PUT", base + "/api/me/login-certificate", basic, "{\"certificate\":\""
                + Base64.getEncoder().encodeToString(keys.certificate()) + "\",\"challenge\":\"" + c[0] + "\",\"signature\":\""
                + proof + "\"}");
        if (registered.statusCode() != 200) {
            throw new IllegalStateException("registration refused: " + registered.statusCode() + " " + registered.body());
        }
        List<Double> login = new ArrayList<>();
        List<Double> round = new ArrayList<>();
        for (int i = 0; i < n + 5; i++) {
            long t0 = System.nanoTime();
            String[] challenge = challenge(base);
            String body = "{\"user\":\"" + user + "\",\"challenge\":\"" + challenge[0] + "\",\"signature\":\""
                    + sign(keys, user, challenge) + "\"}";
            long t1 = System.nanoTime();
            HttpResponse<String> in = send("POST", base + "/api/session/certificate", null, body);
            long t2 = System.nanoTime();
            if (in.statusCode() != 200) {
                throw new IllegalStateException("login refused: " + in.statusCode() + " " + in.body());
            }
            if (i >= 5) { // the first five warm the paths up
                login.add((t2 - t1) / 1e6);
                round.add((t2 - t0) / 1e6);
            }
        }
        System.out.printf("console login by SM2 signature (POST /api/session/certificate), %d: %s%n", n, stats(login));
        System.out.printf("the whole round (challenge, signing here, login), %d: %s%n", n, stats(round));
    }

    private static String stats(List<Double> ms) {
        Collections.sort(ms);
        return String.format("median %.0f ms, p90 %.0f ms (%d)", ms.get((ms.size() - 1) / 2),
                ms.get((int) Math.round(ms.size() * 0.9) - 1), ms.size());
    }

    private static String[] challenge(String base) throws Exception {
        String body = send("POST", base + "/api/session/challenge", null, null).body();
        String challenge = null;
        String host = null;
        Matcher m = FIELD.matcher(body);
        while (m.find()) {
            if (m.group(1).equals("challenge")) {
                challenge = m.group(2);
            } else {
                host = m.group(2);
            }
        }
        return new String[] {challenge, host};
    }

    private static String sign(Sm2TestKeys keys, String user, String[] challenge) {
        return Base64.getEncoder().encodeToString(keys.sign(CertificateLogin.signedText(user, challenge[0], challenge[1])));
    }

    private static HttpResponse<String> send(String method, String url, String authorization, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("X-Requested-With", "XMLHttpRequest")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
