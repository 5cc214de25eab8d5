package org.lvyue.security.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Karaf's {@code users.properties} as the realm reads it: {@code user = password, role, role...};
 * entries starting with {@code _g_:} are groups, not users. Read only; the realm's backing engine
 * writes it.
 */
final class UsersFile {
    static final String GROUP_PREFIX = "_g_:";

    record User(String name, String storedPassword, List<String> roles) {
    }

    private UsersFile() {
    }

    /** Every user of the file by name; empty when the file does not exist. */
    static Map<String, User> read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        Map<String, User> users = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith(GROUP_PREFIX)) {
                continue;
            }
            String[] parts = p.getProperty(name).split(",");
            List<String> roles = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                if (!parts[i].isBlank()) {
                    roles.add(parts[i].trim());
                }
            }
            users.put(name, new User(name, parts[0].trim(), List.copyOf(roles)));
        }
        return users;
    }
}
