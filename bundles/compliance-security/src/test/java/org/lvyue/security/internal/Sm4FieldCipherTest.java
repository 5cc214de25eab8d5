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
    void a_code_is_hmac_sm3_as_rfc_2104_builds_it_from_sm3_under_a_key_derived_from_the_field_key() throws Exception {
        Path keys = dir.resolve("keys.properties");
        Sm4FieldCipher c = cipher(keys);
        byte[] fieldKey = Base64.getDecoder().decode(Files.readAllLines(keys, StandardCharsets.ISO_8859_1).stream()
                .filter(l -> l.startsWith("k1")).findFirst().orElseThrow().split("=", 2)[1].trim());
        // by hand: K' = HMAC(fieldKey, label); code = SM3((K' ^ opad) || SM3((K' ^ ipad) || context || 0x00 || data))
        byte[] derived = rfc2104(fieldKey, "lvyue field mac key v1".getBytes(StandardCharsets.UTF_8));
        byte[] message = "membership\0li\ngxbf\nengineer".getBytes(StandardCharsets.UTF_8);

        String mac = c.mac("li\ngxbf\nengineer", "membership");

        assertEquals("hmac-sm3:k1:" + Base64.getEncoder().withoutPadding().encodeToString(rfc2104(derived, message)), mac);
        assertTrue(c.verifyMac("li\ngxbf\nengineer", "membership", mac));
        assertFalse(c.verifyMac("li\ngxbf\nadmin", "membership", mac), "altered data");
        assertFalse(c.verifyMac("li\ngxbf\nengineer", "api_token", mac), "another field's code");
        assertFalse(c.verifyMac("li\ngxbf\nengineer", "membership", mac.replace(":k1:", ":k9:")), "a key this node lacks");
        assertFalse(c.verifyMac("li\ngxbf\nengineer", "membership", null));
        assertFalse(c.verifyMac("li\ngxbf\nengineer", "membership", "hmac-sm3:k1:%%%"));
    }

    /** HMAC (RFC 2104) over SM3, whose block is 64 bytes, written out from the digest alone. */
    private static byte[] rfc2104(byte[] key, byte[] message) {
        byte[] k = java.util.Arrays.copyOf(key.length > 64 ? sm3(key) : key, 64);
        byte[] inner = new byte[64 + message.length];
        byte[] outer = new byte[64 + 32];
        for (int i = 0; i < 64; i++) {
            inner[i] = (byte) (k[i] ^ 0x36);
            outer[i] = (byte) (k[i] ^ 0x5c);
        }
        System.arraycopy(message, 0, inner, 64, message.length);
        System.arraycopy(sm3(inner), 0, outer, 64, 32);
        return sm3(outer);
    }

    private static byte[] sm3(byte[] in) {
        org.bouncycastle.crypto.digests.SM3Digest d = new org.bouncycastle.crypto.digests.SM3Digest();
        d.update(in, 0, in.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
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
        String oldCode = cipher(dir.resolve("other.properties")).mac("x", "f");
        assertFalse(rotated.verifyMac("x", "f", oldCode), "a code under another file's k1");
        assertTrue(rotated.mac("x", "f").startsWith("hmac-sm3:k2:"));

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
