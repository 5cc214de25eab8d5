package org.lvyue.api.service;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Whether the node is ready after a start: its rule set is the one built from the domain bundles present
 * at start, and every contract's findings stand on it. What is still being prepared is said line by line
 * (Chinese first, English beside it), for monitoring and for an engineer watching a restart.
 */
@ProviderType
public interface Readiness {

    /** What is still being prepared before the node is ready; empty once it is. */
    List<String> preparing();

    /**
     * Work that runs after readiness at low priority and is not waited for (the verification of the evidence
     * chains at start), each in a line; empty when none is left.
     */
    List<String> background();
}
