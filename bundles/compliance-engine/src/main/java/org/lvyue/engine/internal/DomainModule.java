package org.lvyue.engine.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.kie.api.definition.KiePackage;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.RuleProblem;
import org.lvyue.api.spi.DomainCatalogue;

/**
 * A domain bundle after compilation: either its compiled rule packages and catalogue, or the
 * problems that refused it; or, once one of its rules failed at run time, the problem that stopped it.
 */
public final class DomainModule {
    private final DomainSource source;
    private final Collection<KiePackage> packages;
    private final DomainCatalogue catalogue;
    private final List<RuleProblem> problems;
    private final DomainState state;
    private final int ruleCount;
    private final Instant since = Instant.now();

    private DomainModule(DomainSource source, Collection<KiePackage> packages, DomainCatalogue catalogue,
                         List<RuleProblem> problems, DomainState state) {
        this.source = source;
        this.packages = packages == null ? List.of() : List.copyOf(packages);
        this.catalogue = catalogue;
        this.problems = problems == null ? List.of() : List.copyOf(problems);
        this.state = state;
        this.ruleCount = this.packages.stream().mapToInt(p -> p.getRules().size()).sum();
    }

    static DomainModule compiled(DomainSource source, Collection<KiePackage> packages, DomainCatalogue catalogue) {
        return new DomainModule(source, packages, catalogue, null, DomainState.ACTIVE);
    }

    static DomainModule refused(DomainSource source, DomainCatalogue catalogue, List<RuleProblem> problems) {
        return new DomainModule(source, null, catalogue, problems, DomainState.REFUSED);
    }

    public boolean isActive() {
        return state == DomainState.ACTIVE;
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

    /** This module taken out of the rule set because one of its rules failed while running. */
    DomainModule stoppedBecause(RuleProblem problem) {
        return new DomainModule(source, null, catalogue, List.of(problem), DomainState.STOPPED);
    }

    /**
     * Where a rule of this module is declared: its DRL file and the line of {@code rule "name"}, with
     * the given message; file and line unknown (empty, -1) when no DRL file declares it.
     */
    RuleProblem problemAt(String ruleName, String message) {
        return declaredAt(Pattern.compile("^\\s*rule\\s+(\"" + Pattern.quote(ruleName) + "\"|'"
                + Pattern.quote(ruleName) + "'|" + Pattern.quote(ruleName) + "(\\s|$))"), message);
    }

    /** Like {@link #problemAt}, for a DRL {@code function} of that name. */
    RuleProblem functionProblemAt(String functionName, String message) {
        return declaredAt(Pattern.compile("^\\s*function\\s+[\\w.<>\\[\\], ]+\\s" + Pattern.quote(functionName)
                + "\\s*\\("), message);
    }

    private RuleProblem declaredAt(Pattern declaration, String message) {
        for (Map.Entry<String, byte[]> drl : source.drlFiles().entrySet()) {
            String[] lines = new String(drl.getValue(), StandardCharsets.UTF_8).split("\\R", -1);
            for (int i = 0; i < lines.length; i++) {
                if (declaration.matcher(lines[i]).find()) {
                    return new RuleProblem(drl.getKey(), i + 1, message);
                }
            }
        }
        return new RuleProblem("", -1, message);
    }

    public DomainStatus status() {
        // a module that does not run contributes no rules
        return new DomainStatus(source.symbolicName(), source.version(), source.bundleId(), source.domainId(),
                catalogue == null ? null : catalogue.title(), state, isActive() ? ruleCount : 0, problems, since);
    }
}
