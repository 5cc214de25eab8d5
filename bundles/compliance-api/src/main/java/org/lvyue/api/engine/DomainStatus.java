package org.lvyue.api.engine;

import java.time.Instant;
import java.util.List;

/**
 * One domain bundle as the engine sees it.
 *
 * @param symbolicName the bundle's symbolic name
 * @param version      the bundle version
 * @param bundleId     the OSGi bundle id
 * @param domain       the domain id from {@code Compliance-Domain}
 * @param title        the domain's Chinese title from its catalogue (null when refused before reading it)
 * @param state        active, refused, stopped or stuck
 * @param ruleCount    number of rules it contributes (0 unless active)
 * @param problems     why it was refused or stopped (empty when active)
 * @param since        when it reached this state
 */
public record DomainStatus(String symbolicName, String version, long bundleId, String domain, String title,
                           DomainState state, int ruleCount, List<RuleProblem> problems, Instant since) {
    public DomainStatus {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
