package org.lvyue.api.spi;

import java.util.List;

import org.lvyue.api.fact.FactKind;

/**
 * Everything a domain bundle declares as data: its name, the fact kinds it accepts, and the
 * obligations of the contract it enforces.
 *
 * @param domain      domain id (matches the {@code Compliance-Domain} header)
 * @param title       Chinese name, e.g. 应急演练
 * @param titleEn     English name
 * @param clause      where the contract defines the domain, e.g. {@code 附件二 5}
 * @param factKinds   the fact kinds the domain accepts
 * @param obligations the obligations it enforces
 */
public record DomainCatalogue(String domain, String title, String titleEn, String clause, List<FactKind> factKinds,
                              List<Obligation> obligations) {
    public DomainCatalogue {
        factKinds = factKinds == null ? List.of() : List.copyOf(factKinds);
        obligations = obligations == null ? List.of() : List.copyOf(obligations);
    }
}
