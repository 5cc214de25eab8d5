package org.lvyue.api.engine;

/**
 * Why a domain bundle was refused or stopped: a DRL compilation error, a bad catalogue, or a rule that
 * failed at run time.
 *
 * @param file    the file inside the bundle, e.g. {@code rules/drill.drl}
 * @param line    1-based line, or -1 when unknown
 * @param message the compiler's or parser's message
 */
public record RuleProblem(String file, int line, String message) {
}
