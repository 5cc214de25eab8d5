package org.lvyue.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class Utf8BodiesTest {
    private static byte[] read(byte[] body) throws IOException {
        return new Utf8Bodies.Strict(new ByteArrayInputStream(body)).readAllBytes();
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void every_valid_utf8_text_passes_unchanged() throws Exception {
        byte[] text = "{\"scenario\":\"断网演练 😀 \\u0041 ok\"}\n\u07ff\uffff\ud83d\ude00".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(text, read(text));
        assertArrayEquals(bytes(0xF4, 0x8F, 0xBF, 0xBF), read(bytes(0xF4, 0x8F, 0xBF, 0xBF)), "U+10FFFF");
    }

    @Test
    void forms_jackson_would_decode_silently_are_refused() {
        int[][] invalid = {
            {0xC0, 0xAF},             // overlong '/'
            {0xE0, 0x80, 0xAF},       // overlong '/' in three bytes
            {0xED, 0xA0, 0x80},       // a surrogate (CESU-8)
            {0xF4, 0x90, 0x80, 0x80}, // beyond U+10FFFF
            {0xF5, 0x80, 0x80, 0x80},
            {0xFF},
            {0x80},                   // a continuation byte alone
            {0xE5, 0xAE},             // cut short at the end
            {0xE5, 0x41, 0x41},       // cut short inside
        };
        for (int[] b : invalid) {
            assertThrows(Utf8Bodies.InvalidUtf8Exception.class, () -> read(bytes(b)), java.util.Arrays.toString(b));
        }
    }

    @Test
    void the_refusal_says_where_the_bad_byte_is() {
        byte[] gbk = "[\n{\"a\":\"安全\"}]".getBytes(java.nio.charset.Charset.forName("GBK"));
        Utf8Bodies.InvalidUtf8Exception e = assertThrows(Utf8Bodies.InvalidUtf8Exception.class, () -> read(gbk));
        assertEquals(2, e.line);
        assertEquals(400, e.getResponse().getStatus());
        // 安 in GBK is B0 B2: B0 is no UTF-8 start byte, at offset 8
        assertEquals(8, e.offset);
    }
}
