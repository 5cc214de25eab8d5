package org.lvyue.notify.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * 钉钉's signed robot requests (加签): {@code sign} is the Base64 of HMAC-SHA256, keyed with the secret, over
 * {@code timestamp + "\n" + secret}, URL-encoded; both go on the webhook URL as {@code &timestamp=...&sign=...}.
 * The robot refuses a timestamp more than an hour away from its own clock.
 */
final class DingTalkSignature {
    private DingTalkSignature() {
    }

    static String sign(long timestampMillis, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return URLEncoder.encode(Base64.getEncoder().encodeToString(digest), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    static String signedUrl(String url, String secret, long timestampMillis) {
        return url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestampMillis + "&sign=" + sign(timestampMillis, secret);
    }
}
