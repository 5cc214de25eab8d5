package org.lvyue.security.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The SM4 keys of sensitive stored fields, in a file outside the database: {@code current = <id>} and one
 * {@code <id> = <Base64 of 16 bytes>} per key. New values are encrypted under the current key; values encrypted under
 * an older key still decrypt while its line stays, which is how a key is rotated (add a key, make it current). Made at
 * first use with a random key, readable and writable by the product's user only.
 */
final class FieldKeys {
    static final int KEY_BYTES = 16;
    private static final String CURRENT = "current";

    private final String currentId;
    private final Map<String, byte[]> keys;

    private FieldKeys(String currentId, Map<String, byte[]> keys) {
        this.currentId = currentId;
        this.keys = keys;
    }

    /**
     * The keys of {@code file}, made with one random key when it does not exist.
     *
     * @throws IllegalStateException naming the file and what is wrong in it
     */
    static FieldKeys load(Path file, SecureRandom random) {
        try {
            if (!Files.exists(file)) {
                create(file, random);
            }
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                p.load(in);
            }
            String current = p.getProperty(CURRENT, "").trim();
            Map<String, byte[]> keys = new LinkedHashMap<>();
            for (String id : p.stringPropertyNames()) {
                if (!id.equals(CURRENT)) {
                    byte[] key = Base64.getDecoder().decode(p.getProperty(id).trim());
                    if (key.length != KEY_BYTES || !id.matches("[A-Za-z0-9_-]{1,32}")) {
                        throw new IllegalStateException(file + "：密钥 " + id + " 无效（应为 16 字节的 Base64，编号为字母数字）"
                                + " (key " + id + " is not 16 bytes of Base64 under an alphanumeric id)");
                    }
                    keys.put(id, key);
                }
            }
            if (!keys.containsKey(current)) {
                throw new IllegalStateException(file + "：current = " + current + " 没有对应的密钥 (no key of the current id)");
            }
            return new FieldKeys(current, keys);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("无法读取字段密钥文件 " + file + " (cannot read the field keys): " + e.getMessage(), e);
        }
    }

    private static void create(Path file, SecureRandom random) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system: its own access rules apply
        } catch (FileAlreadyExistsException e) {
            return; // another start made it just now
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            out.write("# Lvyue: SM4 keys of sensitive stored fields. Keep this file out of the database's backups, and\n"
                    + "# back it up apart: without it the encrypted fields cannot be read. To rotate, add a key line\n"
                    + "# and make it current; keep the old line while values encrypted under it remain.\n");
            out.write(CURRENT + " = k1\n");
            out.write("k1 = " + Base64.getEncoder().encodeToString(key) + "\n");
        }
    }

    String currentId() {
        return currentId;
    }

    /** The key of {@code id}, or null when this file lacks it. */
    byte[] key(String id) {
        return keys.get(id);
    }
}
