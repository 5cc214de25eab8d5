package org.lvyue.rules.staffing;

import java.time.LocalDate;

import org.lvyue.api.spi.Obligation;

/** A working day on which no one of an on-site role was present at the office; gathered per role and month. */
public record UnstaffedDay(Obligation role, LocalDate day, String month) {
}
