package org.lvyue.security.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.lvyue.api.security.CertificateLogin;

/**
 * {@code bin/sm2-login}: a holder's side of a login by SM2 signature, outside the product, for scripts and for trying it:
 * {@code register} puts the certificate of an SM2 key in a PKCS#12 file in force for the account (the account's password
 * once, for this), {@code login} signs a challenge with the key and prints the session's cookie and CSRF token. The key
 * file's password comes from {@code LVYUE_KEY_PASSWORD}, the account's from {@code LVYUE_PASSWORD}, else the console.
 */
public final class Sm2LoginClient {
    private static final Pattern FIELD = Pattern.compile("\"(challenge|host|csrfToken)\"\\s*:\\s*\"([^\"]*)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private Sm2LoginClient() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !args[0].equals("register") && !args[0].equals("login")) {
            System.err.println("""
                    用法 (usage):
                      sm2-login register <https://host:port> <user> <key.p12>   登记该密钥的证书为本账号的登录证书（需账号口令）
                      sm2-login login <https://host:port> <user> <key.p12>      以 SM2 签名登录，输出会话 Cookie 与 CSRF 令牌
                    密钥库口令取自 LVYUE_KEY_PASSWORD，账号口令取自 LVYUE_PASSWORD，未设置时在终端输入
                    (passwords from LVYUE_KEY_PASSWORD and LVYUE_PASSWORD, else asked); 试用密钥可以
                    bin/sign-bundle new-key <key.p12> "CN=姓名" 生成 (a trial key: bin/sign-bundle new-key)""");
            System.exit(2);
        }
        String base = args[1].replaceAll("/+$", "");
        String user = args[2];
        KeyStore keys = KeyStore.getInstance("PKCS12", BC);
        char[] keyPassword = secret("LVYUE_KEY_PASSWORD", "密钥库口令 (key store password): ");
        try (InputStream in = Files.newInputStream(Path.of(args[3]))) {
            keys.load(in, keyPassword);
        }
        String alias = Collections.list(keys.aliases()).stream().filter(a -> isKey(keys, a)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(args[3] + " 中没有私钥 (no private key)"));
        PrivateKey key = (PrivateKey) keys.getKey(alias, keyPassword);
        Certificate certificate = keys.getCertificate(alias);

        String challenged = call("POST", base + "/api/session/challenge", null, null, 200);
        String challenge = field(challenged, "challenge");
        String host = field(challenged, "host");
        String signature = Base64.getEncoder().encodeToString(sign(key, CertificateLogin.signedText(user, challenge, host)));
        if (args[0].equals("register")) {
            String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + new String(secret("LVYUE_PASSWORD",
                    "账号 " + user + " 的口令 (password): "))).getBytes(StandardCharsets.UTF_8));
            String pem = "-----BEGIN CERTIFICATE-----\\n" + Base64.getEncoder().encodeToString(certificate.getEncoded())
                    + "\\n-----END CERTIFICATE-----\\n";
            String answer = call("PUT", base + "/api/me/login-certificate", basic, "{\"certificate\":\"" + pem
                    + "\",\"challenge\":\"" + challenge + "\",\"signature\":\"" + signature + "\"}", 200);
            System.out.println("已登记登录证书 (registered): " + answer);
        } else {
            HttpResponse<String> r = send("POST", base + "/api/session/certificate", null, "{\"user\":\"" + json(user)
                    + "\",\"challenge\":\"" + challenge + "\",\"signature\":\"" + signature + "\"}");
            if (r.statusCode() != 200) {
                throw new IllegalStateException("登录被拒绝 (refused) " + r.statusCode() + ": " + r.body());
            }
            String cookie = r.headers().firstValue("Set-Cookie").orElse("").split(";")[0];
            System.out.println("Cookie: " + cookie);
            System.out.println("X-CSRF-Token: " + field(r.body(), "csrfToken"));
        }
    }

    private static boolean isKey(KeyStore keys, String alias) {
        try {
            return keys.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** SM3withSM2 with the default signer ID, DER-encoded, as the product verifies it. */
    static byte[] sign(PrivateKey key, byte[] text) throws GeneralSecurityException {
        Signature s = Signature.getInstance("SM3withSM2", BC);
        s.initSign(key);
        s.update(text);
        return s.sign();
    }

    private static String call(String method, String url, String authorization, String body, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> r = send(method, url, authorization, body);
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " → " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static HttpResponse<String> send(String method, String url, String authorization, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("X-Requested-With", "XMLHttpRequest")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String field(String json, String name) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new IllegalStateException("答复中没有 " + name + " (no " + name + " in the answer): " + json);
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static char[] secret(String variable, String prompt) {
        String given = System.getenv(variable);
        if (given != null && !given.isEmpty()) {
            return given.toCharArray();
        }
        if (System.console() == null) {
            throw new IllegalStateException("没有终端可输入口令，请设置 " + variable + " (no console: set " + variable + ")");
        }
        return System.console().readPassword(prompt);
    }
}
