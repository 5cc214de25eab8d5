package org.lvyue.api.store;

import java.util.List;

/**
 * A batch reused fact ids that are already stored with different content. Nothing of the batch was
 * stored: a fact, once acknowledged, is never silently overwritten.
 */
public class ConflictingFactException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<Integer> indexes;
    private final List<String> ids;

    public ConflictingFactException(List<Integer> indexes, List<String> ids) {
        super("fact ids already stored with other content: " + ids);
        this.indexes = List.copyOf(indexes);
        this.ids = List.copyOf(ids);
    }

    /** Positions in the batch of the conflicting facts. */
    public List<Integer> indexes() {
        return indexes;
    }

    public List<String> ids() {
        return ids;
    }
}
