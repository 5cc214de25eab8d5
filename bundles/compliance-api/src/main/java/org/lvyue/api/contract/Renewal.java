package org.lvyue.api.contract;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What makes next year's contract from this one (续签): everything else (parties, services with their
 * parameters, terms, interpretations with their reasons, clause texts) is carried over, and the dated
 * terms move by as much as the period does.
 *
 * @param id            the new contract's id, e.g. {@code bj-hrss-2023}
 * @param periodStart   first day of the new service period
 * @param periodEnd     last day of the new service period
 * @param amount        the new contract amount in yuan
 * @param signedOn      the new signing date
 * @param awardNoticeOn the day of the new award notice (中标/成交通知书), or null when there is none
 */
public record Renewal(String id, LocalDate periodStart, LocalDate periodEnd, BigDecimal amount, LocalDate signedOn,
                      LocalDate awardNoticeOn) {
}
