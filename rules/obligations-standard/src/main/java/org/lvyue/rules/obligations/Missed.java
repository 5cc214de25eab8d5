package org.lvyue.rules.obligations;

import java.time.LocalDate;

import org.lvyue.api.spi.Obligation;

/**
 * A day on which a daily obligation was not met: derived logically by the rules, then gathered per
 * obligation and month into one finding, so a month of missed days reads as one line, not thirty.
 */
public record Missed(Obligation obligation, LocalDate day, String month) {
}
