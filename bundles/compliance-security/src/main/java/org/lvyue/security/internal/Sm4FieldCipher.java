package org.lvyue.security.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.lvyue.api.security.FieldCipher;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

/**
 * SM4-GCM through BouncyCastle's lightweight API (no JCA provider registered): a random 96-bit nonce per value, a
 * 128-bit tag, and the field's name as associated data, so a value copied into another field, or altered, fails to
 * decrypt instead of reading as something else.
 */
@Component(service = FieldCipher.class, configurationPid = SecurityPolicy.PID, immediate = true)
public final class Sm4FieldCipher implements FieldCipher {
    static final String PREFIX = "sm4:";
    static final String MAC_PREFIX = "hmac-sm3:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** Read again at a configuration change, in place: the store holding this service is not restarted for it. */
    private volatile FieldKeys keys;
    /**
     * The MAC keys derived from {@link #keys}, by key id: each derived once, not at every code (memberships are
     * verified at every read). Replaced after the keys, so a derivation that finds this map finds those keys.
     */
    private volatile Map<String, byte[]> macKeys = new ConcurrentHashMap<>();
    private final SecureRandom random;

    @Activate
    public Sm4FieldCipher(SecurityConfig config) {
        this(keys(config), new SecureRandom());
    }

    /** The keys of the configured file again (a key added or made current, another file named). */
    @Modified
    void modified(SecurityConfig config) {
        keys = keys(config);
        macKeys = new ConcurrentHashMap<>();
    }

    private static FieldKeys keys(SecurityConfig config) {
        return FieldKeys.load(Path.of(config.fieldKeysFile().replace("${karaf.etc}", System.getProperty("karaf.etc", "etc"))),
                new SecureRandom());
    }

    Sm4FieldCipher(FieldKeys keys, SecureRandom random) {
        this.keys = keys;
        this.random = random;
    }

    @Override
    public String encrypt(String plain, String context) {
        if (plain == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        String id = keys.currentId();
        byte[] sealed = run(true, keys.key(id), nonce, context, plain.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return PREFIX + id + ":" + Base64.getEncoder().withoutPadding().encodeToString(out);
    }

    @Override
    public String decrypt(String stored, String context) {
        if (!isEncrypted(stored)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new IllegalStateException("加密字段格式错误 (malformed encrypted field) in " + context);
        }
        String id = stored.substring(PREFIX.length(), colon);
        byte[] key = keys.key(id);
        if (key == null) {
            throw new IllegalStateException("字段 " + context + " 以密钥 " + id + " 加密，本节点的字段密钥文件中没有该密钥 (the field was"
                    + " encrypted under key " + id + ", which this node's key file lacks)");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(stored.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("加密字段格式错误 (malformed encrypted field) in " + context, e);
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("加密字段过短 (encrypted field too short) in " + context);
        }
        byte[] plain = run(false, key, Arrays.copyOf(in, NONCE_BYTES), context, Arrays.copyOfRange(in, NONCE_BYTES, in.length));
        return new String(plain, StandardCharsets.UTF_8);
    }

    @Override
    public boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    @Override
    public String mac(String data, String context) {
        String id = keys.currentId();
        return MAC_PREFIX + id + ":" + Base64.getEncoder().withoutPadding().encodeToString(hmac(macKey(id), context, data));
    }

    @Override
    public boolean verifyMac(String data, String context, String mac) {
        if (mac == null || !mac.startsWith(MAC_PREFIX)) {
            return false;
        }
        int colon = mac.indexOf(':', MAC_PREFIX.length());
        byte[] key = colon < 0 ? null : macKey(mac.substring(MAC_PREFIX.length(), colon));
        if (key == null) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(mac.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return java.security.MessageDigest.isEqual(given, hmac(key, context, data));
    }

    /**
     * The MAC key of field key {@code id}, or null when this node lacks that key: a key of its own, derived from the
     * field key, so that the SM4 key itself is used for nothing else.
     */
    private byte[] macKey(String id) {
        Map<String, byte[]> derived = macKeys;
        byte[] known = derived.get(id);
        if (known != null) {
            return known;
        }
        byte[] fieldKey = keys.key(id);
        if (fieldKey == null) {
            return null;
        }
        byte[] key = hmac(fieldKey, null, "lvyue field mac key v1");
        derived.put(id, key);
        return key;
    }

    /** HMAC-SM3 of the context, a zero byte and the data (the context alone when data is the derivation's label). */
    private static byte[] hmac(byte[] key, String context, String data) {
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(key));
        if (context != null) {
            byte[] c = context.getBytes(StandardCharsets.UTF_8);
            mac.update(c, 0, c.length);
            mac.update((byte) 0);
        }
        byte[] d = data.getBytes(StandardCharsets.UTF_8);
        mac.update(d, 0, d.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    private static byte[] run(boolean encrypt, byte[] key, byte[] nonce, String context, byte[] input) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce,
                context == null ? new byte[0] : context.getBytes(StandardCharsets.UTF_8)));
        byte[] out = new byte[gcm.getOutputSize(input.length)];
        int n = gcm.processBytes(input, 0, input.length, out, 0);
        try {
            n += gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("字段 " + context + " 无法解密：已被改动，或属于另一字段 (the field does not decrypt: altered,"
                    + " or it belongs to another field)", e);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
