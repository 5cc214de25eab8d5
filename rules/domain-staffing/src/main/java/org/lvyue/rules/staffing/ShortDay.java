package org.lvyue.rules.staffing;

import java.time.LocalDate;

import org.lvyue.api.spi.Obligation;

/** A working day on which a role had fewer people on the roster than its head count; gathered per role and month. */
public record ShortDay(Obligation role, LocalDate day, String month, int present) {
}
