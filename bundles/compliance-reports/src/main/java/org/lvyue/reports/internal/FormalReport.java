package org.lvyue.reports.internal;

import java.time.LocalDate;
import java.util.List;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.service.FactsDigest;

/**
 * What a formal report says, before layout: the letterhead's contract and period, the provenance
 * (facts digest, rule bundles) and the sections in order.
 *
 * @param kind      {@code quarterly}, {@code monthly/support}, {@code ledger}, {@code settlement}
 * @param label     what the report covers, e.g. {@code 2022-Q3}, {@code 2022-07}, {@code 2023-03-15}
 * @param title     the report's title
 * @param subtitle  a line under it
 * @param period    the period covered, in words
 * @param asOf      the day of the data
 */
record FormalReport(String kind, String label, String title, String subtitle, Contract contract, String period,
                    LocalDate asOf, FactsDigest facts, long ruleSetVersion, List<DomainStatus> ruleBundles,
                    List<Section> sections) {
    FormalReport {
        ruleBundles = List.copyOf(ruleBundles);
        sections = List.copyOf(sections);
    }

    FormalReport withSections(List<Section> replaced) {
        return new FormalReport(kind, label, title, subtitle, contract, period, asOf, facts, ruleSetVersion, ruleBundles, replaced);
    }

    /** {@code bj-hrss-2022/quarterly/2022-Q3} */
    String id() {
        return contract.id() + "/" + kind + "/" + label;
    }

    /** The bundles as {@code symbolicName version}, in name order. */
    List<String> bundleVersions() {
        return ruleBundles.stream().map(d -> d.symbolicName() + " " + d.version()).sorted().toList();
    }
}
