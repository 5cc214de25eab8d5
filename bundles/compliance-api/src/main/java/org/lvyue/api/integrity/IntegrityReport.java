package org.lvyue.api.integrity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The result of verifying a contract's evidence chain.
 *
 * @param contractId     the contract
 * @param intact         no problem found
 * @param entries        entries in the chain
 * @param entriesByKind  entries per kind ({@code FACTS}, {@code AUDIT}, {@code FINDING}, {@code WAIVER},
 *                       {@code CONTRACT}, {@code REPORT})
 * @param rowsCovered    rows recomputed per table
 * @param headPosition   position of the last entry (-1 for an empty chain)
 * @param headHash       hash of the last entry, hex: write it down, and a later verification proves
 *                       nothing before it changed
 * @param algorithms     the digest algorithms the entries use ({@code SM3}, {@code SHA-256})
 * @param problems       what is wrong, in chain order; at most {@link #MAX_PROBLEMS}
 * @param problemCount   how many problems were found in all
 * @param verifiedAt     when verification started
 * @param took           how long it took
 */
public record IntegrityReport(String contractId, boolean intact, long entries, Map<String, Long> entriesByKind,
                              Map<String, Long> rowsCovered, long headPosition, String headHash, List<String> algorithms,
                              List<IntegrityProblem> problems, long problemCount, Instant verifiedAt, Duration took) {
    /** Problems listed in a report; the rest are counted. */
    public static final int MAX_PROBLEMS = 1000;

    public IntegrityReport {
        entriesByKind = Map.copyOf(entriesByKind);
        rowsCovered = Map.copyOf(rowsCovered);
        algorithms = List.copyOf(algorithms);
        problems = List.copyOf(problems);
    }
}
