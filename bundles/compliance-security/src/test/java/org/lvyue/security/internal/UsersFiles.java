package org.lvyue.security.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A Karaf {@code users.properties} with the given lines, in the encoding Karaf reads it with, for the realm's tests. */
final class UsersFiles {
    private UsersFiles() {
    }

    static Path write(Path dir, String... lines) throws IOException {
        Path file = dir.resolve("users.properties");
        Files.write(file, List.of(lines), StandardCharsets.ISO_8859_1);
        return file;
    }
}
