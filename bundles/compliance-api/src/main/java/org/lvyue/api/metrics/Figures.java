package org.lvyue.api.metrics;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: figures a module holds, read at every scrape of the metrics: states now (a queue's depth,
 * an outbox's backlog) or counts the module keeps itself (messages that failed). The hook for any module to add
 * its own families without a metrics library. Called on the scrape's thread: read what is in memory, no I/O.
 */
@ConsumerType
@FunctionalInterface
public interface Figures {
    /** The figures now; a family may come from one source only. */
    List<Figure> figures();
}
