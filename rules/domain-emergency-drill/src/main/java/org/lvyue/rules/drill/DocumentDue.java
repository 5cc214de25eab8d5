package org.lvyue.rules.drill;

import java.time.LocalDate;

import org.lvyue.api.calendar.Deadline;
import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.engine.ReportingPeriod;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.spi.Obligation;

/**
 * When a drill document is due: the catalogue's days after the year's first drill, counted as the civil code counts
 * them, but never past the end of the year the drill belongs to (附件二 5 asks for the documents of each year's drill);
 * without a drill, the end of the year.
 *
 * @param day   the last day
 * @param basis how it was found, in Chinese
 */
public record DocumentDue(LocalDate day, String basis) {

    public static DocumentDue of(Obligation o, ReportingPeriod year, Fact firstDrill) {
        if (firstDrill == null) {
            return new DocumentDue(year.end(), year.label() + " 年度未开展演练，成果最迟于年度结束日 " + year.end() + " 提交");
        }
        if (o.due().offsetDays() == 0) {
            return new DocumentDue(firstDrill.getDate(), "不晚于演练当日 " + firstDrill.getDate() + " 提交");
        }
        Deadline d = WorkingCalendar.china().days(firstDrill.getDate(), o.due().offsetDays());
        if (d.end().isAfter(year.end())) {
            return new DocumentDue(year.end(), "演练日 " + d.describe() + "；超出 " + year.label() + " 年度，以年度结束日 "
                    + year.end() + " 为期限");
        }
        return new DocumentDue(d.end(), "演练日 " + d.describe());
    }
}
