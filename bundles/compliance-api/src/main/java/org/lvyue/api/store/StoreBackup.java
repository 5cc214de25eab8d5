package org.lvyue.api.store;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/** Online backups of the store: a consistent copy taken while the product runs. */
@ProviderType
public interface StoreBackup {
    /**
     * Writes a consistent copy of the whole database into {@code zip}, which must not exist yet.
     * Restoring is done with the product stopped: unzip it into the data folder (README, "Backup").
     *
     * @throws UnsupportedOperationException when the database is one its own tools back up (PostgreSQL:
     *                                       {@code pg_dump}); the message says so, Chinese first
     */
    BackupResult backup(Path zip);

    /**
     * @param file      the backup written
     * @param bytes     its size
     * @param heads     per contract, the position and hash of its evidence chain's last entry
     *                  ({@code position:hash}) at the moment of the copy: after a restore,
     *                  verification must end at the same head
     */
    record BackupResult(Path file, long bytes, java.util.Map<String, String> heads) {
        public BackupResult {
            heads = java.util.Map.copyOf(heads);
        }
    }
}
