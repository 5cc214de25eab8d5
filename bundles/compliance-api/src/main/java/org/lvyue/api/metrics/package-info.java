/**
 * What the product's modules tell the operators' metrics, without depending on a metrics library: each module
 * calls the listeners of the events it owns (whiteboard services, none or many), or publishes {@link Figures}
 * read at every scrape; one bundle (compliance-metrics) turns them into the Prometheus exposition at
 * {@code /metrics}. A module runs the same without any listener.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lvyue.api.metrics;
