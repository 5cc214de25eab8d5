package org.lvyue.api.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The contract the facts are held against: its identity, parties, amount and period. Rules read
 * every number they need from here (or from the contract's terms), never from their own text.
 *
 * @param id            short stable id used in URLs, e.g. {@code bj-hrss-2022}
 * @param version       version of the definition; a changed definition gets a higher version
 * @param name          the project name, e.g. 安全应用维护服务
 * @param number        the contract number (may be empty: the seed leaves it blank)
 * @param procurementNo the procurement (tender) number
 * @param client        甲方
 * @param supplier      乙方
 * @param amount        the contract amount A in yuan
 * @param periodStart   first day of service
 * @param periodEnd     last day of service
 * @param signedOn      the signing date
 * @param terms         the general terms as data (rates, deadlines, thresholds)
 * @param interpretations the reading chosen for each point the contract leaves open
 * @param evaluator     评估方, the organisation that assesses the service for the client, or null
 * @param services      the services (domains) the contract buys; empty when the definition does not say, and then
 *                      every domain applies (definitions from before services were declared)
 */
public record Contract(String id, int version, String name, String number, String procurementNo, Party client,
                       Party supplier, BigDecimal amount, LocalDate periodStart, LocalDate periodEnd,
                       LocalDate signedOn, List<Term> terms, List<Interpretation> interpretations, Party evaluator,
                       List<ContractService> services) {
    public Contract {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        terms = terms == null ? List.of() : List.copyOf(terms);
        interpretations = interpretations == null ? List.of() : List.copyOf(interpretations);
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** A contract that names no evaluator and does not say which services it buys (every domain applies). */
    public Contract(String id, int version, String name, String number, String procurementNo, Party client,
                    Party supplier, BigDecimal amount, LocalDate periodStart, LocalDate periodEnd,
                    LocalDate signedOn, List<Term> terms, List<Interpretation> interpretations) {
        this(id, version, name, number, procurementNo, client, supplier, amount, periodStart, periodEnd, signedOn, terms,
                interpretations, null, List.of());
    }

    /** A contract without general terms as data (tests, domain rules that need none). */
    public Contract(String id, int version, String name, String number, String procurementNo, Party client,
                    Party supplier, BigDecimal amount, LocalDate periodStart, LocalDate periodEnd, LocalDate signedOn) {
        this(id, version, name, number, procurementNo, client, supplier, amount, periodStart, periodEnd, signedOn,
                List.of(), List.of());
    }

    public Optional<Term> term(String name) {
        return terms.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Whether the contract buys the domain's service: true for every domain when it does not say which it buys. */
    public boolean buys(String domain) {
        return services.isEmpty() || services.stream().anyMatch(s -> s.domain().equals(domain));
    }

    /** The service of that domain as the contract lists it, or empty when it lists none of that domain. */
    public Optional<ContractService> service(String domain) {
        return services.stream().filter(s -> s.domain().equals(domain)).findFirst();
    }

    /** The organisations acting for the client, the supplier and the evaluator (those named), in that order. */
    public List<String> organisations() {
        return java.util.stream.Stream.of(client, supplier, evaluator).filter(Objects::nonNull).map(Party::organisation)
                .filter(Objects::nonNull).distinct().toList();
    }

    public Optional<Interpretation> interpretation(String id) {
        return interpretations.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** Whether a date lies inside the service period. */
    public boolean covers(LocalDate date) {
        return !date.isBefore(periodStart) && !date.isAfter(periodEnd);
    }
}
