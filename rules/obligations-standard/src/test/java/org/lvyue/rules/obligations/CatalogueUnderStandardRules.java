package org.lvyue.rules.obligations;

import static java.time.LocalDate.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.Obligation;
import org.lvyue.api.spi.Obligation.Category;

/**
 * What every domain catalogue must satisfy under the standard rules, run by each domain module with
 * its own catalogue: complete records of a month give no finding, and each periodic check or task
 * missed in the month gives exactly one finding, of that obligation. A catalogue with a kind the
 * rules cannot see, or an obligation no record can satisfy, fails here.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class CatalogueUnderStandardRules {
    private static final LocalDate START = parse("2022-03-01");
    private static final LocalDate THROUGH = parse("2022-04-30");
    private static final LocalDate AS_OF = parse("2022-05-01");
    protected DomainMonth month;

    /** The domain id the module's catalogue declares. */
    protected abstract String domain();

    @BeforeEach
    void aCompleteMonth() {
        month = new DomainMonth(Path.of("src/main/resources"), domain(), START);
        month.everythingDoneThrough(THROUGH);
        for (Obligation o : month.catalogue().obligations()) {
            if (o.category() == Category.DELIVERABLE && (o.frequency() == Frequency.MONTHLY || o.frequency() == Frequency.QUARTERLY)) {
                // the reports on March and on the first quarter (clipped to March), submitted on 04-01
                month.fact(o.evidenceKind(), o.evidenceSubject(), parse("2022-04-01"), "submitted",
                        Map.of("title", o.title(), "period", o.frequency() == Frequency.MONTHLY ? "2022-03" : "2022-Q1"));
            }
            if ("holiday".equals(o.trigger())) {
                // 清明 04-03..04-05: before it Sat 04-02 (worked in exchange), after it 04-06; 劳动节 from 04-30: before it 04-29
                for (String day : List.of("2022-04-02", "2022-04-06", "2022-04-29")) {
                    month.record(o.id(), parse(day), o.category() == Category.CHECK ? "normal" : null);
                }
            }
        }
    }

    @AfterEach
    void close() {
        month.close();
    }

    @Test
    void complete_records_of_march_and_april_leave_no_finding() {
        assertEquals(List.of(), month.findings(AS_OF));
    }

    @Test
    void each_periodic_check_or_task_missed_in_march_gives_one_finding_of_that_obligation() {
        List<Obligation> periodic = month.catalogue().obligations().stream()
                .filter(o -> (o.category() == Category.CHECK || o.category() == Category.TASK)
                        && (o.frequency() == Frequency.DAILY || o.frequency() == Frequency.WEEKLY
                            || o.frequency() == Frequency.MONTHLY))
                .toList();
        assertFalse(periodic.isEmpty(), "a domain catalogue without daily, weekly or monthly work");
        for (Obligation o : periodic) {
            // the records of 2022-03-15 (a Tuesday in ISO week 2022-W11) for daily ones; the week's or month's record otherwise
            month.without(f -> o.evidenceSubject().equals(f.getSubject()) && switch (o.frequency()) {
                case DAILY -> f.getDate().equals(parse("2022-03-15"));
                case WEEKLY -> f.getWeek().equals("2022-W11");
                default -> f.getMonth().equals("2022-03");
            });
        }
        List<String> march = month.findings(AS_OF).stream()
                .filter(f -> f.startsWith("2022-03 ") || f.startsWith("2022-W11 ")).toList();
        List<String> expected = periodic.stream().map(o -> switch (o.frequency()) {
            case DAILY -> "2022-03 " + o.id() + " 附件三 每日检查：当月未执行的日子";
            case WEEKLY -> "2022-W11 " + o.id() + " 附件三 每周检查：当周未执行";
            default -> "2022-03 " + o.id() + " 附件三 每月检查：当月未执行";
        }).sorted().toList();
        assertEquals(expected, march);
    }
}
