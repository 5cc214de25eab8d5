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
        Properties p = load(file);
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

    /**
     * The roles the realm gives {@code user}: those of its line, and of each group ({@code _g_:name}) it names, as
     * Karaf's properties login module adds them; empty when the file has no such user.
     */
    static java.util.Optional<java.util.Set<String>> roles(Path file, String user) throws IOException {
        Properties p = load(file);
        String line = user.startsWith(GROUP_PREFIX) ? null : p.getProperty(user);
        if (line == null) {
            return java.util.Optional.empty();
        }
        java.util.Set<String> roles = new java.util.TreeSet<>();
        String[] parts = line.split(",");
        for (int i = 1; i < parts.length; i++) {
            String role = parts[i].trim();
            if (role.startsWith(GROUP_PREFIX)) {
                String group = p.getProperty(role);
                String[] groupParts = group == null ? new String[0] : group.split(",");
                for (int j = 1; j < groupParts.length; j++) {
                    if (!groupParts[j].isBlank()) {
                        roles.add(groupParts[j].trim());
                    }
                }
            } else if (!role.isEmpty()) {
                roles.add(role);
            }
        }
        return java.util.Optional.of(java.util.Set.copyOf(roles));
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            // no users
        }
        return p;
    }
}
