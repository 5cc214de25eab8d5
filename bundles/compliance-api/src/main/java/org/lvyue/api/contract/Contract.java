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
 */
public record Contract(String id, int version, String name, String number, String procurementNo, Party client,
                       Party supplier, BigDecimal amount, LocalDate periodStart, LocalDate periodEnd,
                       LocalDate signedOn, List<Term> terms, List<Interpretation> interpretations) {
    public Contract {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        terms = terms == null ? List.of() : List.copyOf(terms);
        interpretations = interpretations == null ? List.of() : List.copyOf(interpretations);
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

    public Optional<Interpretation> interpretation(String id) {
        return interpretations.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** Whether a date lies inside the service period. */
    public boolean covers(LocalDate date) {
        return !date.isBefore(periodStart) && !date.isAfter(periodEnd);
    }
}
