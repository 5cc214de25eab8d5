package org.lvyue.rest.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.lvyue.api.metrics.RefusalListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The refusal listeners bound to the API (the operators' metrics), told of every 429 and 503 for overload. */
final class Refusals {
    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);
    /** The reason of a request refused because every request slot of the API was taken. */
    static final String REQUEST_SLOTS = "REQUEST_SLOTS";
    /** The reason of a view of a whole contract refused because every slot for such views was taken. */
    static final String HEAVY_READ_SLOTS = "HEAVY_READ_SLOTS";

    private final List<RefusalListener> listeners = new CopyOnWriteArrayList<>();

    void add(RefusalListener listener) {
        listeners.add(listener);
    }

    void remove(RefusalListener listener) {
        listeners.remove(listener);
    }

    void refused(int status, String reason) {
        for (RefusalListener l : listeners) {
            try {
                l.refused(status, reason);
            } catch (RuntimeException e) {
                LOG.warn("Refusal listener {} failed", l, e);
            }
        }
    }
}
