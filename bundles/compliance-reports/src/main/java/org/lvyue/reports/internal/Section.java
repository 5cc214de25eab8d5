package org.lvyue.reports.internal;

import java.util.List;
import java.util.Map;

/**
 * One part of a formal report: a heading, an optional note, and rows rendered by one of the shared
 * section templates of {@code reports/templates}.
 *
 * @param heading  the section's heading, numbered by the report (e.g. {@code 三、违约事项})
 * @param note     a line under the heading (what the section counts, an empty state), or null
 * @param template which section template renders the rows
 * @param rows     the rows, each a map from the template's field names to values
 * @param params   the template's parameters (column headers...)
 */
record Section(String heading, String note, Template template, List<Map<String, ?>> rows, Map<String, Object> params) {
    Section {
        rows = List.copyOf(rows);
        params = Map.copyOf(params);
    }

    /** The compiled section templates ({@code reports/templates/src/main/jasperreports/section-*.jrxml}). */
    enum Template {
        KEY_VALUE("section-keyvalue"),
        ATTAINMENT("section-attainment"),
        CHART("section-chart"),
        FINDINGS("section-findings"),
        LEDGER("section-ledger"),
        TABLE("section-table");

        final String resource;

        Template(String resource) {
            this.resource = resource;
        }
    }
}
