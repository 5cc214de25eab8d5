package org.lvyue.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.ContractService;
import org.lvyue.api.contract.ServiceStatus;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.spi.DomainCatalogue;

/**
 * A contract's services against the domains the engine has: whether a submitted definition names only
 * known domains, obligations and parameters of the right type, and which of its services run for it now.
 */
final class ContractServices {
    private final ComplianceEngine engine;

    ContractServices(ComplianceEngine engine) {
        this.engine = engine;
    }

    /**
     * The problems of a submitted definition's services, each naming its field: a domain no bundle ever declared,
     * an obligation its catalogue lacks, a parameter it lacks or of the wrong type. A known domain whose bundle does
     * not run now is accepted (its overrides are checked when it runs; the lint says it does not).
     */
    List<FactProblem> problems(Contract c) {
        List<FactProblem> problems = new ArrayList<>();
        Set<String> known = engine.domains().stream().map(DomainStatus::domain).collect(Collectors.toCollection(java.util.TreeSet::new));
        for (ContractService s : c.services()) {
            String at = "services." + s.domain();
            Optional<DomainCatalogue> catalogue = catalogue(s.domain());
            if (catalogue.isEmpty() && !known.contains(s.domain())) {
                problems.add(new FactProblem(-1, at, "未知服务领域：产品中没有该领域的 bundle（刚启动时 bundle 逐个加载，可稍后重试）；"
                        + "产品已有的服务领域：" + String.join("、", known)));
                continue;
            }
            if (catalogue.isPresent()) {
                try {
                    catalogue.get().as(s);
                } catch (IllegalArgumentException e) {
                    // the message reads "<obligation>[.<parameter>]: <reason>"
                    String m = e.getMessage();
                    int colon = m.indexOf(": ");
                    problems.add(colon < 0 ? new FactProblem(-1, at + ".obligations", m)
                            : new FactProblem(-1, at + ".obligations." + m.substring(0, colon), m.substring(colon + 2)));
                }
            }
        }
        return problems;
    }

    /** Each service the contract buys and whether it runs; every domain the product has when it does not say. */
    List<ServiceStatus> statuses(Contract c) {
        Set<String> applying = engine.catalogues(c).stream().map(DomainCatalogue::domain).collect(Collectors.toSet());
        List<DomainStatus> bundles = engine.domains();
        List<ContractService> services = c.services().isEmpty()
                ? bundles.stream().map(DomainStatus::domain).distinct().sorted().map(ContractService::of).toList()
                : c.services();
        List<ServiceStatus> out = new ArrayList<>();
        for (ContractService s : services) {
            Optional<DomainStatus> bundle = bundles.stream().filter(b -> b.domain().equals(s.domain()))
                    .max(Comparator.comparing((DomainStatus b) -> b.state() == DomainState.ACTIVE).thenComparing(DomainStatus::since,
                            Comparator.nullsFirst(Comparator.naturalOrder())));
            String title = bundle.map(DomainStatus::title).filter(t -> t != null && !t.isBlank()).orElse(s.domain());
            String version = bundle.map(DomainStatus::version).orElse(null);
            if (applying.contains(s.domain())) {
                out.add(new ServiceStatus(s.domain(), title, true, version, s.versions(), null));
            } else {
                out.add(new ServiceStatus(s.domain(), title, false, version, s.versions(), whyNot(s, bundle)));
            }
        }
        return out;
    }

    private static String whyNot(ContractService s, Optional<DomainStatus> bundle) {
        if (bundle.isEmpty()) {
            return "未部署该服务领域的 bundle / no bundle of this domain is deployed";
        }
        DomainStatus b = bundle.get();
        if (b.state() != DomainState.ACTIVE) {
            return "bundle " + b.symbolicName() + " " + b.version() + " 状态为 " + b.state() + " / bundle is " + b.state();
        }
        return "运行中的 bundle 版本 " + b.version() + " 不在合同接受的范围 " + s.versions() + " 内 / running version "
                + b.version() + " is outside " + s.versions();
    }

    private Optional<DomainCatalogue> catalogue(String domain) {
        return engine.catalogues().stream().filter(k -> k.domain().equals(domain)).findFirst();
    }
}
