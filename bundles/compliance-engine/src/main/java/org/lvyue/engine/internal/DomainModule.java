package org.lvyue.engine.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.kie.api.definition.KiePackage;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.RuleProblem;
import org.lvyue.api.spi.DomainCatalogue;

/**
 * A domain bundle after compilation: either its compiled rule packages and catalogue, or the
 * problems that refused it.
 */
public final class DomainModule {
    private final DomainSource source;
    private final Collection<KiePackage> packages;
    private final DomainCatalogue catalogue;
    private final List<RuleProblem> problems;
    private final int ruleCount;
    private final Instant since = Instant.now();

    private DomainModule(DomainSource source, Collection<KiePackage> packages, DomainCatalogue catalogue,
                         List<RuleProblem> problems) {
        this.source = source;
        this.packages = packages == null ? List.of() : List.copyOf(packages);
        this.catalogue = catalogue;
        this.problems = problems == null ? List.of() : List.copyOf(problems);
        this.ruleCount = this.packages.stream().mapToInt(p -> p.getRules().size()).sum();
    }

    static DomainModule compiled(DomainSource source, Collection<KiePackage> packages, DomainCatalogue catalogue) {
        return new DomainModule(source, packages, catalogue, null);
    }

    static DomainModule refused(DomainSource source, DomainCatalogue catalogue, List<RuleProblem> problems) {
        return new DomainModule(source, null, catalogue, problems);
    }

    public boolean isActive() {
        return problems.isEmpty();
    }

    public DomainSource source() {
        return source;
    }

    public Collection<KiePackage> packages() {
        return packages;
    }

    public DomainCatalogue catalogue() {
        return catalogue;
    }

    public List<RuleProblem> problems() {
        return problems;
    }

    /** This module refused for another reason found when the rule set was assembled. */
    DomainModule refusedBecause(RuleProblem problem) {
        return refused(source, catalogue, List.of(problem));
    }

    public DomainStatus status() {
        return new DomainStatus(source.symbolicName(), source.version(), source.bundleId(), source.domainId(),
                catalogue == null ? null : catalogue.title(), isActive() ? DomainState.ACTIVE : DomainState.REFUSED,
                ruleCount, problems, since);
    }
}
