package org.lvyue.api.metrics;

import java.time.Duration;

import org.osgi.annotation.versioning.ConsumerType;

/** Whiteboard service: told of every formal report asked for. Called on the request's thread: return at once. */
@ConsumerType
@FunctionalInterface
public interface ReportListener {
    /** A PDF rendered now. */
    String RENDERED = "rendered";
    /** The same content rendered a moment before: its PDF reused. */
    String REUSED = "reused";
    /** Rendering failed. */
    String FAILED = "failed";

    /**
     * @param report  the report's kind ({@code quarterly}, {@code monthly}, {@code ledger}, {@code settlement})
     * @param outcome {@link #RENDERED}, {@link #REUSED} or {@link #FAILED}
     * @param took    the rendering's time (zero when reused)
     */
    void rendered(String report, String outcome, Duration took);
}
