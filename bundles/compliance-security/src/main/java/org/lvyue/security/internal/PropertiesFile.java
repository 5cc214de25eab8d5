package org.lvyue.security.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/** A properties file beside the realm's users file, read whole and replaced whole: a crash leaves the old or the new. */
final class PropertiesFile {
    private final Path file;
    private final String comment;

    PropertiesFile(Path file, String comment) {
        this.file = file;
        this.comment = comment;
    }

    Path path() {
        return file;
    }

    /** The file's properties; none when it does not exist yet. */
    Properties load() throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            // nothing written yet
        }
        return p;
    }

    /** Writes all of them aside and moves the file into place. */
    void store(Properties all) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.ISO_8859_1)) {
            all.store(out, comment);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
