package org.lvyue.store;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.lvyue.api.security.FieldCipher;
import org.lvyue.api.store.StoreException;

/**
 * The fact attributes the catalogue marks confidential (an identity card number...), stored encrypted with the
 * product's {@link FieldCipher} inside the attributes' JSON, each value bound to {@code fact.<kind>.<attribute>}, and
 * read back in clear. Any value that already looks encrypted is encrypted again when there is a cipher, so that on
 * reading every such value is one this class wrote: a submitted text starting {@code sm4:} cannot make a read fail.
 */
final class SealedAttributes {
    private static final String PREFIX = "sm4:";
    private static final String MARK = "\"" + PREFIX;

    private final FieldCipher cipher;

    /** @param cipher null: a tool's or a test's store, which writes values as they are and cannot read sealed ones */
    SealedAttributes(FieldCipher cipher) {
        this.cipher = cipher;
    }

    static String context(String kind, String attribute) {
        return "fact." + kind + "." + attribute;
    }

    /**
     * The attributes of a fact of {@code kind} as they are stored.
     *
     * @param confidential the attributes to encrypt, {@code <kind>/<attribute>}
     * @throws StoreException when one is to be encrypted and this store has no cipher
     */
    Map<String, String> seal(String kind, Map<String, String> attributes, Set<String> confidential) {
        Map<String, String> out = null;
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            String v = e.getValue();
            boolean marked = !confidential.isEmpty() && confidential.contains(kind + "/" + e.getKey());
            if (v == null || !marked && !v.startsWith(PREFIX)) {
                continue;
            }
            if (cipher == null) {
                if (marked) {
                    throw new StoreException(context(kind, e.getKey()) + " 须加密存储，本次打开数据库时没有字段密钥服务 (is to be"
                            + " stored encrypted and this store was opened without the field cipher)", null);
                }
                continue;
            }
            if (out == null) {
                out = new HashMap<>(attributes);
            }
            out.put(e.getKey(), cipher.encrypt(v, context(kind, e.getKey())));
        }
        return out == null ? attributes : out;
    }

    /** Whether the stored JSON text of a fact's attributes holds a sealed value (a quick test before {@link #open}). */
    static boolean holdsSealed(String json) {
        return json != null && json.contains(MARK);
    }

    /**
     * The attributes in clear.
     *
     * @throws StoreException naming the field when a value does not decrypt, or this store has no cipher
     */
    Map<String, String> open(String kind, Map<String, String> stored) {
        Map<String, String> out = null;
        for (Map.Entry<String, String> e : stored.entrySet()) {
            String v = e.getValue();
            if (v == null || !v.startsWith(PREFIX)) {
                continue;
            }
            String context = context(kind, e.getKey());
            if (cipher == null) {
                throw new StoreException(context + " 已加密存储，本次打开数据库时没有字段密钥服务，无法读取 (" + context
                        + " is stored encrypted and this store was opened without the field cipher)", null);
            }
            if (out == null) {
                out = new HashMap<>(stored);
            }
            try {
                out.put(e.getKey(), cipher.decrypt(v, context));
            } catch (IllegalStateException x) {
                throw new StoreException(x.getMessage(), x);
            }
        }
        return out == null ? stored : out;
    }
}
