package org.lvyue.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The files every node of a cluster keeps the same (the domain bundles of {@code deploy/}, the product's configuration
 * and users of {@code etc/}), in the shared database: a file written on any node is recorded with its SHA-256, a file
 * removed is recorded as removed, and each node brings its own folders to what is recorded.
 *
 * @since 1.6
 */
@ProviderType
public interface SharedFiles {

    /**
     * A file as recorded, without its content.
     *
     * @param path      its path under the Karaf base, e.g. {@code deploy/domain-drill-1.0.0.jar}
     * @param digest    SHA-256 of its content as the nodes keep it, in hex
     * @param removed   whether it was removed (its content is gone then)
     * @param changedAt when it was last written or removed
     * @param nodeId    the node it was written or removed on
     */
    record File(String path, String digest, boolean removed, Instant changedAt, String nodeId) {
    }

    /** Every file recorded, removed ones too, by path. */
    List<File> files();

    /** The content recorded for the file at {@code digest}; empty when it was removed or replaced since. */
    Optional<byte[]> content(String path, String digest);

    /**
     * Records a file written on {@code nodeId}, replacing what was recorded at its path.
     *
     * @param digest  SHA-256 of the file as the nodes keep it
     * @param content what to keep in the database: the file, or its encrypted form
     */
    void written(String path, String digest, byte[] content, String nodeId);

    /** Records a file removed on {@code nodeId}, when what is recorded at its path has {@code digest}. */
    void removed(String path, String digest, String nodeId);
}
