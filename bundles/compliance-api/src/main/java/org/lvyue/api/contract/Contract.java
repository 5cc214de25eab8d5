package org.lvyue.api.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

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
 */
public record Contract(String id, int version, String name, String number, String procurementNo, Party client,
                       Party supplier, BigDecimal amount, LocalDate periodStart, LocalDate periodEnd,
                       LocalDate signedOn) {
    public Contract {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
    }

    /** Whether a date lies inside the service period. */
    public boolean covers(LocalDate date) {
        return !date.isBefore(periodStart) && !date.isAfter(periodEnd);
    }
}
