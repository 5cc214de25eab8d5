package org.lvyue.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.testing.AnnotationConfigs;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class Sm4FieldCipherTest {
    @TempDir
    Path dir;

    private Sm4FieldCipher cipher(Path keys) {
        return new Sm4FieldCipher(AnnotationConfigs.of(SecurityConfig.class, Map.of("fieldKeysFile", keys.toString())));
    }

    @Test
    void the_block_cipher_is_sm4_as_the_standard_example_computes_it() {
        // GB/T 32907-2016 附录 A 示例 1: key = plain = 0123456789abcdeffedcba9876543210 -> 681edf34d206965e86b3e94f536e4246
        byte[] block = HexFormat.of().parseHex("0123456789abcdeffedcba9876543210");
        SM4Engine sm4 = new SM4Engine();
        sm4.init(true, new KeyParameter(block));
        byte[] out = new byte[16];
        sm4.processBlock(block, 0, out, 0);
        assertEquals("681edf34d206965e86b3e94f536e4246", HexFormat.of().formatHex(out));
    }

    @Test
    void a_value_round_trips_differs_each_time_and_the_key_file_is_made_for_the_owner_only() throws Exception {
        Path keys = dir.resolve("lvyue-field-keys.properties");
        Sm4FieldCipher c = cipher(keys);
        String a = c.encrypt("SEC-钉钉机器人加签密钥", "notify_subscription.secret");
        String b = c.encrypt("SEC-钉钉机器人加签密钥", "notify_subscription.secret");
        assertTrue(a.startsWith("sm4:k1:"), a);
        assertNotEquals(a, b, "a fresh nonce each time");
        assertFalse(a.contains("钉钉"));
        assertEquals("SEC-钉钉机器人加签密钥", c.decrypt(a, "notify_subscription.secret"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        // a second start reads the same key
        assertEquals("SEC-钉钉机器人加签密钥", cipher(keys).decrypt(b, "notify_subscription.secret"));
    }

    @Test
    void a_value_moved_to_another_field_or_altered_does_not_decrypt() {
        Sm4FieldCipher c = cipher(dir.resolve("keys.properties"));
        String stored = c.encrypt("13800138000", "fact.attribute.phone");
        IllegalStateException moved = assertThrows(IllegalStateException.class, () -> c.decrypt(stored, "fact.attribute.name"));
        assertTrue(moved.getMessage().contains("无法解密"), moved.getMessage());
        byte[] raw = Base64.getDecoder().decode(stored.substring("sm4:k1:".length()));
        raw[raw.length - 1] ^= 1;
        String altered = "sm4:k1:" + Base64.getEncoder().withoutPadding().encodeToString(raw);
        assertThrows(IllegalStateException.class, () -> c.decrypt(altered, "fact.attribute.phone"));
    }

    @Test
    void after_a_rotation_new_values_use_the_new_key_and_old_ones_still_decrypt() throws Exception {
        Path keys = dir.resolve("keys.properties");
        String old = cipher(keys).encrypt("old secret", "f");
        byte[] k2 = new byte[16];
        new SecureRandom().nextBytes(k2);
        String file = Files.readString(keys, StandardCharsets.ISO_8859_1).replace("current = k1", "current = k2")
                + "k2 = " + Base64.getEncoder().encodeToString(k2) + "\n";
        Files.writeString(keys, file, StandardCharsets.ISO_8859_1);
        Sm4FieldCipher rotated = cipher(keys);
        assertTrue(rotated.encrypt("new secret", "f").startsWith("sm4:k2:"));
        assertEquals("old secret", rotated.decrypt(old, "f"));

        Files.writeString(keys, "current = k2\nk2 = " + Base64.getEncoder().encodeToString(k2) + "\n", StandardCharsets.ISO_8859_1);
        IllegalStateException lost = assertThrows(IllegalStateException.class, () -> cipher(keys).decrypt(old, "f"));
        assertTrue(lost.getMessage().contains("没有该密钥"), lost.getMessage());
    }

    @Test
    void a_value_stored_before_encryption_reads_as_it_is_and_a_bad_key_file_is_named() throws Exception {
        Sm4FieldCipher c = cipher(dir.resolve("keys.properties"));
        assertEquals("plain from before", c.decrypt("plain from before", "f"));
        assertFalse(c.isEncrypted("plain from before"));
        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "current = k9\nk1 = AAAA\n", StandardCharsets.ISO_8859_1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cipher(bad));
        assertTrue(e.getMessage().contains("bad.properties"), e.getMessage());
    }
}
