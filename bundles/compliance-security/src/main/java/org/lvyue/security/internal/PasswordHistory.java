package org.lvyue.security.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Each user's recent password hashes and when each was set, newest first, in a file beside the realm's users file
 * ({@code users.history}): what "no reuse of the last N passwords" and "expires after N days" are counted from. The
 * file holds the same salted hashes as the users file, never a password. A hash the users file holds that the history
 * does not (set with {@code jaas:user-add} or typed into the file) counts as set when the product first sees it.
 */
final class PasswordHistory {
    /** Hashes kept per user, more than any sensible reuse rule asks. */
    static final int KEPT = 24;

    /** One password as it was set. */
    record Entry(Instant setAt, String hash) {
    }

    private final PropertiesFile file;

    PasswordHistory(Path usersFile) {
        this.file = new PropertiesFile(usersFile.resolveSibling("users.history"),
                "Lvyue: recent password hashes per user, newest first (epoch seconds:hash); no passwords");
    }

    /** The user's passwords, newest first. */
    synchronized List<Entry> of(String user) throws IOException {
        return parse(file.load().getProperty(user));
    }

    /** Records a password set now (or, for {@link #seen}, first seen now), newest first; keeps {@value #KEPT}. */
    synchronized void record(String user, String hash, Instant at) throws IOException {
        Properties all = file.load();
        List<Entry> entries = new ArrayList<>(parse(all.getProperty(user)));
        entries.add(0, new Entry(at, hash));
        StringBuilder line = new StringBuilder();
        for (Entry e : entries.subList(0, Math.min(KEPT, entries.size()))) {
            line.append(line.isEmpty() ? "" : ";").append(e.setAt().getEpochSecond()).append(':').append(e.hash());
        }
        all.setProperty(user, line.toString());
        file.store(all);
    }

    /**
     * When the user's current password (the users file's {@code hash}) was set: from the history, or now, recorded, when
     * the history does not know it.
     */
    synchronized Instant seen(String user, String hash, Instant now) throws IOException {
        Optional<Entry> newest = of(user).stream().findFirst();
        if (newest.isPresent() && newest.get().hash().equals(hash)) {
            return newest.get().setAt();
        }
        record(user, hash, now);
        return now;
    }

    private static List<Entry> parse(String line) {
        List<Entry> out = new ArrayList<>();
        if (line == null || line.isBlank()) {
            return out;
        }
        for (String part : line.split(";")) {
            int colon = part.indexOf(':');
            if (colon > 0) {
                try {
                    out.add(new Entry(Instant.ofEpochSecond(Long.parseLong(part.substring(0, colon).trim())), part.substring(colon + 1)));
                } catch (NumberFormatException ignored) {
                    // a line edited by hand: its unreadable part is no history
                }
            }
        }
        return out;
    }
}
