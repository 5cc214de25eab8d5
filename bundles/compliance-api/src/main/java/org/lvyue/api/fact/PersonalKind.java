package org.lvyue.api.fact;

import java.util.Locale;

/**
 * What kind of personal information (个人信息) a catalogue attribute holds ({@code "personal": "name"} in
 * {@code catalogue.json}), and how it is masked where a reader does not need it whole: lists, PDFs and every role
 * but the few that need the value (see README "Personal information").
 */
public enum PersonalKind {
    /** A person's name, possibly after an organisation ({@code 市人社局信息中心 王伟}): the name keeps its surname. */
    NAME,
    /** An identity card number: the first 3 and the last 4 characters stay. */
    ID_NUMBER,
    /** A telephone number: the first 3 and the last 4 digits stay. */
    PHONE,
    /** An address: an IPv4 address keeps its first two parts, a postal address its first 6 characters. */
    ADDRESS;

    /** The catalogue's spelling: {@code name}, {@code id-number}, {@code phone}, {@code address}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind spelled {@code label} in a catalogue, or null when there is none. */
    public static PersonalKind of(String label) {
        for (PersonalKind k : values()) {
            if (k.label().equals(label)) {
                return k;
            }
        }
        return null;
    }

    /** {@code value} masked: {@code 张**}, {@code 110***********1234}, {@code 138****5678}, {@code 10.12.*.*}. */
    public String mask(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return switch (this) {
            case NAME -> maskName(value);
            case ID_NUMBER, PHONE -> keep(value, 3, 4);
            case ADDRESS -> maskAddress(value);
        };
    }

    private static String maskName(String value) {
        String v = value.strip();
        int space = Math.max(v.lastIndexOf(' '), v.lastIndexOf('\u3000'));
        String prefix = space < 0 ? "" : v.substring(0, space + 1);
        String name = v.substring(space + 1);
        if (name.isEmpty()) {
            return prefix;
        }
        int first = name.offsetByCodePoints(0, 1);
        return prefix + name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    private static String keep(String value, int head, int tail) {
        int n = value.codePointCount(0, value.length());
        if (n <= head + tail) {
            int first = value.offsetByCodePoints(0, Math.min(1, n));
            return value.substring(0, first) + "*".repeat(Math.max(1, n - 1));
        }
        int h = value.offsetByCodePoints(0, head);
        int t = value.offsetByCodePoints(0, n - tail);
        return value.substring(0, h) + "*".repeat(n - head - tail) + value.substring(t);
    }

    private static String maskAddress(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length == 4 && value.matches("[0-9.]+")) {
            return parts[0] + "." + parts[1] + ".*.*";
        }
        int n = value.codePointCount(0, value.length());
        if (n <= 6) {
            return keep(value, 1, 0);
        }
        return value.substring(0, value.offsetByCodePoints(0, 6)) + "*".repeat(n - 6);
    }
}
