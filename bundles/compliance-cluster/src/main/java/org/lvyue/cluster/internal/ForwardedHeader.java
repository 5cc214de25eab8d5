package org.lvyue.cluster.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.lvyue.api.security.FieldCipher;

/**
 * The header a node puts on a request it sends to a contract's owner: which node sent it, for which client address,
 * when, and an HMAC-SM3 over these and the request line under the key every node of the cluster shares (the field
 * cipher's). The owner believes the client address only when the MAC holds and the header is fresh: a client cannot
 * pass itself off as a peer, or as coming from the management network, by writing the header itself.
 */
record ForwardedHeader(String node, String client, long millis, String mac) {
    static final String NAME = "X-Lvyue-Forwarded";
    private static final String CONTEXT = "lvyue-cluster-forward";
    /** How old a forwarded header may be when it arrives (clocks of the nodes apart included). */
    static final Duration FRESH = Duration.ofMinutes(2);

    static ForwardedHeader sign(FieldCipher cipher, String node, String client, Instant now, String requestLine) {
        long millis = now.toEpochMilli();
        String mac = cipher == null ? "-" : cipher.mac(signed(node, client, millis, requestLine), CONTEXT);
        return new ForwardedHeader(node, client, millis, mac);
    }

    /** The header as sent; the MAC ({@code hmac-sm3:key:Base64}) holds no semicolon. */
    String value() {
        return node + ";" + client + ";" + millis + ";" + mac;
    }

    static Optional<ForwardedHeader> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split(";", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ForwardedHeader(parts[0], parts[1], Long.parseLong(parts[2]), parts[3]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether a peer sent it: its MAC holds for this request line and it is fresh. */
    boolean trusted(FieldCipher cipher, Instant now, String requestLine) {
        if (cipher == null || "-".equals(mac)) {
            return false;
        }
        if (Duration.between(Instant.ofEpochMilli(millis), now).abs().compareTo(FRESH) > 0) {
            return false;
        }
        return cipher.verifyMac(signed(node, client, millis, requestLine), CONTEXT, mac);
    }

    private static String signed(String node, String client, long millis, String requestLine) {
        return node + "\n" + client + "\n" + millis + "\n" + requestLine;
    }
}
