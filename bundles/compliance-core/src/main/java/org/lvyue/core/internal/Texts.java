package org.lvyue.core.internal;

/**
 * What a submitted text may contain. Text is stored and shown verbatim (SQL parameters, JSON
 * escaping, DOM text in the console, PDF text), so quotes, angle brackets and the like are data;
 * what is refused is what no record needs and what makes a stored value differ from the one
 * displayed: control characters other than tab and line breaks (terminal escapes in the shell, NUL),
 * unpaired UTF-16 surrogates (not Unicode text at all), and bidirectional-override characters
 * (which make text read differently from what it is).
 */
final class Texts {
    private Texts() {
    }

    /** Why the text is refused, in Chinese, or null when it is fine. One pass, no allocation for clean text. */
    static String problem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return "第 " + (i + 1) + " 个字符是不成对的 UTF-16 代理字符，不是合法的 Unicode 文本";
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) {
                return "第 " + (i + 1) + " 个字符是控制字符 " + codePoint(c) + "，不允许出现在文字中";
            }
            if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
                return "第 " + (i + 1) + " 个字符是双向文本控制字符 " + codePoint(c) + "，会使显示的文字与保存的不同";
            }
        }
        return null;
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
