package org.lvyue.security.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.lvyue.api.security.AccessPolicy.Refusal;

/**
 * Where the administrators may act from (GB/T 22239-2019 8.1.4.4 c, 限制通过网络接入的管理终端): the holders of the
 * administrators' roles only from an address in the configured networks, and always from the host itself. With no
 * network configured every address may. A configured entry that is not an address or a range limits them to the
 * host until it is corrected: a typo must not open the management to every address.
 */
final class ManagementNetworks {
    /** The host's own addresses, always allowed: its terminal is governed by the host's access control. */
    private static final List<Range> LOOPBACK = List.of(Range.parse("127.0.0.0/8"), Range.parse("::1"));

    private final List<Range> networks;
    private final Set<String> roles;
    /** The entries that could not be read, or empty. */
    private final List<String> unreadable;

    private ManagementNetworks(List<Range> networks, Set<String> roles, List<String> unreadable) {
        this.networks = networks;
        this.roles = roles;
        this.unreadable = unreadable;
    }

    /**
     * @param networks comma-separated addresses and CIDR ranges (IPv4 or IPv6); blank for any address
     * @param roles    comma-separated roles whose holders are limited
     */
    static ManagementNetworks of(String networks, String roles) {
        List<Range> ranges = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (String entry : split(networks)) {
            try {
                ranges.add(Range.parse(entry));
            } catch (IllegalArgumentException e) {
                unreadable.add(entry);
            }
        }
        return new ManagementNetworks(List.copyOf(ranges), Set.copyOf(split(roles)), List.copyOf(unreadable));
    }

    /** The configured entries that are neither an address nor a range. */
    List<String> unreadable() {
        return unreadable;
    }

    /** Whether any address may act (nothing configured). */
    boolean open() {
        return networks.isEmpty() && unreadable.isEmpty();
    }

    /** Why {@code user}, holding {@code held}, may not act from {@code address}; null when they may. */
    Refusal refusal(String user, Collection<String> held, String address) {
        if (open() || held.stream().noneMatch(roles::contains)) {
            return null;
        }
        BigInteger[] at = Range.address(address);
        if (at != null && (LOOPBACK.stream().anyMatch(r -> r.contains(at))
                || (unreadable.isEmpty() && networks.stream().anyMatch(r -> r.contains(at))))) {
            return null;
        }
        Set<String> limited = new TreeSet<>(held);
        limited.retainAll(roles);
        return new Refusal("管理终端受限：账户 '" + user + "' 担任 " + String.join("、", limited) + "，只能从允许的管理网段登录和操作，"
                + "当前地址 " + address + " 不在其中（etc/org.lvyue.security.cfg 的 adminNetworks"
                + (unreadable.isEmpty() ? "" : "含无法识别的条目 " + String.join("、", unreadable) + "，更正前只允许本机") + "）",
                "Management terminals are limited: account '" + user + "' holds " + String.join(", ", limited)
                        + " and may act only from the networks in adminNetworks; " + address + " is not in them"
                        + (unreadable.isEmpty() ? "" : " (unreadable entries " + String.join(", ", unreadable)
                        + ": only the host itself until corrected)"));
    }

    private static List<String> split(String list) {
        Set<String> out = new LinkedHashSet<>();
        if (list != null) {
            for (String s : list.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return List.copyOf(out);
    }

    /** An address or a CIDR range, as numbers of 32 (IPv4) or 128 (IPv6) bits. */
    private record Range(int bits, BigInteger first, BigInteger last) {
        static Range parse(String text) {
            int slash = text.indexOf('/');
            BigInteger[] a = address(slash < 0 ? text : text.substring(0, slash));
            if (a == null) {
                throw new IllegalArgumentException(text);
            }
            int bits = a[0].intValue();
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(text);
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException(text);
            }
            BigInteger hostBits = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
            BigInteger first = a[1].andNot(hostBits);
            return new Range(bits, first, first.or(hostBits));
        }

        boolean contains(BigInteger[] a) {
            return a[0].intValue() == bits && a[1].compareTo(first) >= 0 && a[1].compareTo(last) <= 0;
        }

        /**
         * An address literal as {bits, value}, or null when {@code text} is not one. Only literals are read (no
         * name is looked up); an IPv4 address mapped into IPv6 reads as IPv4, as the JDK gives it.
         */
        static BigInteger[] address(String text) {
            if (text == null) {
                return null;
            }
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.startsWith("[") && t.endsWith("]")) {
                t = t.substring(1, t.length() - 1);
            }
            int zone = t.indexOf('%');
            if (zone >= 0) {
                t = t.substring(0, zone);
            }
            if (t.indexOf(':') < 0) {
                return ipv4(t);
            }
            if (!t.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
                return null;
            }
            try { // with a colon the JDK reads an IPv6 literal and looks no name up
                byte[] raw = InetAddress.getByName(t).getAddress();
                return new BigInteger[] {BigInteger.valueOf(raw.length * 8L), new BigInteger(1, raw)};
            } catch (UnknownHostException e) {
                return null;
            }
        }

        private static BigInteger[] ipv4(String t) {
            String[] parts = t.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            long value = 0;
            for (String part : parts) {
                if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                    return null;
                }
                value = value << 8 | Integer.parseInt(part);
            }
            return new BigInteger[] {BigInteger.valueOf(32), BigInteger.valueOf(value)};
        }
    }
}
