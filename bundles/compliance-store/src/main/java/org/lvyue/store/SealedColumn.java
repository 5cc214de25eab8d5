package org.lvyue.store;

import org.lvyue.api.security.FieldCipher;
import org.lvyue.api.store.StoreException;

/**
 * A column whose values are stored encrypted with the product's {@link FieldCipher} (SM4, keys outside the database)
 * and read back in clear. Without a cipher (a store opened by a tool or a test) values are written as they are; a value
 * found encrypted then cannot be read, and says so.
 */
final class SealedColumn {
    private final FieldCipher cipher;
    private final String context;

    /** @param context the field's name, bound into each value ({@code table.column}) */
    SealedColumn(FieldCipher cipher, String context) {
        this.cipher = cipher;
        this.context = context;
    }

    String seal(String plain) {
        return plain == null || cipher == null ? plain : cipher.encrypt(plain, context);
    }

    String open(String stored) {
        if (stored == null) {
            return null;
        }
        if (cipher == null) {
            if (stored.startsWith("sm4:")) {
                throw new StoreException(context + " 已加密存储，本次打开数据库时没有字段密钥服务，无法读取 (" + context
                        + " is stored encrypted and this store was opened without the field cipher)", null);
            }
            return stored;
        }
        try {
            return cipher.decrypt(stored, context);
        } catch (IllegalStateException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }
}
