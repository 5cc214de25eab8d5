package org.lvyue.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The domain bundles deployed on the nodes of a cluster, kept in the shared database so that every node installs
 * the same ones: a jar deployed on any node is recorded with its SHA-256, a jar removed is recorded as removed, and
 * each node brings its own {@code deploy/} folder to what is recorded.
 *
 * @since 1.6
 */
@ProviderType
public interface DeployedJars {

    /**
     * A jar as recorded, without its content.
     *
     * @param name      its file name in {@code deploy/}
     * @param digest    SHA-256 of its content, in hex
     * @param removed   whether it was removed (its content is gone then)
     * @param changedAt when it was last deployed or removed
     * @param nodeId    the node it was deployed or removed on
     */
    record Jar(String name, String digest, boolean removed, Instant changedAt, String nodeId) {
    }

    /** Every jar recorded, removed ones too, by name. */
    List<Jar> jars();

    /** The content of a jar deployed with {@code digest}; empty when it was removed or replaced since. */
    Optional<byte[]> content(String name, String digest);

    /** Records a jar deployed on {@code nodeId}, replacing what was recorded under its name. */
    void deployed(String name, byte[] content, String nodeId);

    /** Records a jar removed on {@code nodeId}, when what is recorded under its name has {@code digest}. */
    void removed(String name, String digest, String nodeId);
}
