package org.lvyue.api.calendar;

import java.time.LocalDate;

/**
 * One rest period of the official calendar as its notice names it (春节 2022-01-31..2022-02-06),
 * weekend days inside it included.
 */
public record Holiday(String name, LocalDate start, LocalDate end) {
}
