package org.lvyue.rules.terms;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

import org.lvyue.api.fact.Fact;

/**
 * 一般条款 十二, counted one way wherever it is counted: the days a force-majeure event affected the contract run
 * from the day after it began (民法典 第二百零一条: the starting day is not counted) to the day it ended, that day
 * included. So an event of 2022-03-01 ended 2022-03-11 affected 10 days, and "超过 90 天" means more than 90 such days.
 */
public final class ForceMajeure {
    /** How the days were counted, for a finding's detail. */
    public static final String HOW_COUNTED = "影响天数自事件发生次日起算至结束之日，依民法典第二百零一条";

    private ForceMajeure() {
    }

    /** The day the event began, as the notice states it. */
    public static LocalDate eventStart(Fact notice) {
        return LocalDate.parse(notice.getAttributes().get("eventStart"));
    }

    /** 甲方 or 乙方: who gave the notice. */
    public static String party(Fact notice) {
        return "client".equals(notice.getSubject()) ? "甲方" : "乙方";
    }

    /** The days affected from {@code start} to {@code end}. */
    public static long daysAffected(LocalDate start, LocalDate end) {
        return Math.max(0, ChronoUnit.DAYS.between(start, end));
    }

    /** The day the event ended (the earliest end recorded), or, while it goes on, the evaluation day. */
    public static LocalDate endOrAsOf(Collection<?> ended, LocalDate asOf) {
        LocalDate end = Amounts.firstDate(ended);
        return end == null ? asOf : end;
    }
}
