package org.lvyue.rules.securityaudit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.fact.Fact;

/**
 * The known networks an administrator keeps as {@code audit.network} facts (subject a CIDR block
 * such as {@code 10.12.0.0/16}), and whether an IPv4 address lies in one of them. All facts of one
 * block make one network: its title is the latest fact's, its retirement the earliest
 * {@code retiredOn} (a block is retired by sending it again under another fact id). A block that is
 * not IPv4 CIDR is ignored and listed as invalid; host bits are masked off (10.12.3.0/16 is
 * 10.12.0.0/16), a bare address is a /32.
 */
public final class Networks {
    private final List<Network> networks;
    private final List<String> invalid;

    /** One known block. */
    public record Network(String cidr, String title, int base, int mask, LocalDate retiredOn) {
        /** Whether the (parsed) address is in this block and the block is not retired before the day. */
        boolean contains(int address, LocalDate day) {
            return holds(address) && knownOn(day);
        }

        /** Whether the (parsed) address is in this block, retired or not. */
        boolean holds(int address) {
            return (address & mask) == base;
        }

        /** Whether the block is not retired before the day. */
        boolean knownOn(LocalDate day) {
            return retiredOn == null || !retiredOn.isBefore(day);
        }
    }

    private Networks(List<Network> networks, List<String> invalid) {
        this.networks = List.copyOf(networks);
        this.invalid = List.copyOf(invalid);
    }

    /** The networks the {@code audit.network} facts describe, in the order of their blocks. */
    public static Networks of(Collection<?> facts) {
        Map<String, List<Fact>> byBlock = new TreeMap<>();
        for (Object o : facts) {
            Fact f = (Fact) o;
            byBlock.computeIfAbsent(f.getSubject() == null ? "" : f.getSubject().trim(), k -> new ArrayList<>()).add(f);
        }
        List<Network> networks = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        byBlock.forEach((cidr, same) -> {
            same.sort(null);
            long[] block = parseCidr(cidr);
            LocalDate retiredOn = null;
            boolean badDate = false;
            String title = null;
            for (Fact f : same) {
                String t = f.getAttributes().get("title");
                title = t == null || t.isBlank() ? title : t;
                String r = f.getAttributes().get("retiredOn");
                if (r != null && !r.isBlank()) {
                    try {
                        LocalDate day = LocalDate.parse(r.trim());
                        retiredOn = retiredOn == null || day.isBefore(retiredOn) ? day : retiredOn;
                    } catch (DateTimeParseException e) {
                        badDate = true;
                    }
                }
            }
            if (block == null || badDate) {
                invalid.add(cidr);
            } else {
                networks.add(new Network(cidr, title, (int) block[0], (int) block[1], retiredOn));
            }
        });
        return new Networks(networks, invalid);
    }

    /** Whether there is at least one valid block to check addresses against. */
    public boolean isConfigured() {
        return !networks.isEmpty();
    }

    /** Whether the address is in a block that is known on the day; false for a missing or unreadable address. */
    public boolean contains(String address, LocalDate day) {
        long a = address(address);
        if (a < 0) {
            return false;
        }
        int ip = (int) a;
        for (Network n : networks) {
            if (n.contains(ip, day)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The entries among {@code entries} (a day's logins) whose address is not in a block known on the
     * entry's day. The rule hands this test a day's logins at once, so only the unknown ones become
     * tuples (see {@link org.lvyue.api.audit.AuditDay}).
     */
    public List<AuditEvent> unknownOf(List<AuditEvent> entries) {
        List<AuditEvent> out = new ArrayList<>();
        LocalDate day = null;
        List<Network> known = List.of(); // the blocks known on the day: a day's entries share it
        for (AuditEvent e : entries) {
            if (!e.getDay().equals(day)) {
                day = e.getDay();
                LocalDate d = day;
                known = networks.stream().filter(n -> n.knownOn(d)).toList();
            }
            long a = address(e.address());
            boolean isKnown = false;
            for (int i = 0; a >= 0 && i < known.size() && !isKnown; i++) {
                isKnown = known.get(i).holds((int) a);
            }
            if (!isKnown) {
                out.add(e);
            }
        }
        return out;
    }

    public List<Network> networks() {
        return networks;
    }

    /** The blocks that are not IPv4 CIDR (or carry an unreadable retiredOn), ignored. */
    public List<String> invalid() {
        return invalid;
    }

    /** e.g. {@code 10.12.0.0/16（社保中心办公网）、192.168.1.0/24（机房）}. */
    public String describe() {
        List<String> out = new ArrayList<>();
        for (Network n : networks) {
            out.add(n.cidr() + (n.title() == null ? "" : "（" + n.title() + "）")
                    + (n.retiredOn() == null ? "" : "（" + n.retiredOn() + " 撤销）"));
        }
        return String.join("、", out);
    }

    /** The address as an unsigned 32-bit number, or null when it is not a dotted-quad IPv4 address. */
    public static Long parseAddress(String address) {
        long v = address(address);
        return v < 0 ? null : v;
    }

    /**
     * The address as an unsigned 32-bit number, or -1. Called for every login of the audit log (about
     * 300,000 a year), so it reads the characters in place: no split, no boxing.
     */
    static long address(String address) {
        if (address == null) {
            return -1;
        }
        int from = 0;
        int to = address.length();
        while (from < to && Character.isWhitespace(address.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(address.charAt(to - 1))) {
            to--;
        }
        long v = 0;
        int octets = 0;
        int octet = 0;
        int digits = 0;
        for (int i = from; i <= to; i++) {
            char c = i == to ? '.' : address.charAt(i);
            if (c == '.') {
                if (digits == 0 || octet > 255 || ++octets > 4) {
                    return -1;
                }
                v = (v << 8) | octet;
                octet = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                octet = octet * 10 + (c - '0');
                digits++;
            } else {
                return -1;
            }
        }
        return octets == 4 ? v : -1;
    }

    /** {base, mask} of a CIDR block (host bits masked off), or null when it is not IPv4 CIDR. */
    static long[] parseCidr(String cidr) {
        int slash = cidr.indexOf('/');
        Long address = parseAddress(slash < 0 ? cidr : cidr.substring(0, slash));
        if (address == null) {
            return null;
        }
        int prefix = 32;
        if (slash >= 0) {
            String p = cidr.substring(slash + 1).trim();
            if (p.isEmpty() || p.length() > 2 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            prefix = Integer.parseInt(p);
            if (prefix > 32) {
                return null;
            }
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return new long[] {address & mask, mask};
    }
}
