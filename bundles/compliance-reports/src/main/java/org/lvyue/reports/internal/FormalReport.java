package org.lvyue.reports.internal;

import java.time.LocalDate;
import java.util.List;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.service.FactsDigest;

/**
 * What a formal report says, before layout: the letterhead's contract and period, the provenance
 * (facts digest, rule bundles), the sections in order and who signs it.
 *
 * @param kind      {@code quarterly}, {@code monthly/support}, {@code ledger}, {@code settlement}, {@code daily/identity-auth}...
 * @param label     what the report covers, e.g. {@code 2022-Q3}, {@code 2022-07}, {@code 2023-03-15}
 * @param title     the report's title
 * @param subtitle  a line under it
 * @param period    the period covered, in words
 * @param asOf      the day of the data
 * @param signers   the signature block
 */
record FormalReport(String kind, String label, String title, String subtitle, Contract contract, String period,
                    LocalDate asOf, FactsDigest facts, long ruleSetVersion, List<DomainStatus> ruleBundles,
                    List<Section> sections, Signers signers) {
    FormalReport {
        ruleBundles = List.copyOf(ruleBundles);
        sections = List.copyOf(sections);
    }

    /** A report the parties and the evaluator sign. */
    FormalReport(String kind, String label, String title, String subtitle, Contract contract, String period,
                 LocalDate asOf, FactsDigest facts, long ruleSetVersion, List<DomainStatus> ruleBundles,
                 List<Section> sections) {
        this(kind, label, title, subtitle, contract, period, asOf, facts, ruleSetVersion, ruleBundles, sections,
                Signers.PARTIES);
    }

    /**
     * Up to three signature columns: who signs and the line they sign on; an empty label leaves the column out.
     */
    record Signers(List<String> labels, List<String> lines) {
        /** 甲方, 乙方 and the evaluator: the assessment, the ledger, the settlement. */
        static final Signers PARTIES = new Signers(List.of("甲方（盖章）：", "乙方（盖章）：", "评估方（签字）："),
                List.of("代表签字：____________", "代表签字：____________", "评估人：______________"));
        /** The on-site engineer who did the checks and the client's reviewer: the 运维单 and record sheets. */
        static final Signers ENGINEER_AND_REVIEWER = new Signers(List.of("巡检工程师（签字）：", "甲方复核人（签字）：", ""),
                List.of("签字：______________", "签字：______________", ""));

        Signers {
            if (labels.size() != 3 || lines.size() != 3) {
                throw new IllegalArgumentException("three signature columns, some maybe empty: " + labels + " " + lines);
            }
            labels = List.copyOf(labels);
            lines = List.copyOf(lines);
        }
    }

    FormalReport withSections(List<Section> replaced) {
        return new FormalReport(kind, label, title, subtitle, contract, period, asOf, facts, ruleSetVersion, ruleBundles,
                replaced, signers);
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
