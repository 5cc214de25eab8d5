package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TextsTest {
    @Test
    void ordinary_text_in_any_script_with_line_breaks_and_emoji_passes() {
        assertNull(Texts.problem("巡检正常 OK, \"quoted\" <b>&amp; 'x' \t\r\n😀 ١٢٣"));
    }

    @Test
    void the_reason_names_the_character_and_where_it_is() {
        assertEquals("第 2 个字符是控制字符 U+0000，不允许出现在文字中", Texts.problem("a\u0000"));
        assertEquals("第 1 个字符是控制字符 U+0085，不允许出现在文字中", Texts.problem("\u0085"));
        assertEquals("第 3 个字符是不成对的 UTF-16 代理字符，不是合法的 Unicode 文本", Texts.problem("ab\udc00"));
        assertEquals("第 1 个字符是不成对的 UTF-16 代理字符，不是合法的 Unicode 文本", Texts.problem("\ud83d"));
        assertEquals("第 2 个字符是双向文本控制字符 U+202E，会使显示的文字与保存的不同", Texts.problem("x\u202Egnp.exe"));
    }
}
