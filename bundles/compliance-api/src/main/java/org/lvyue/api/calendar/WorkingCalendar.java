package org.lvyue.api.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mainland-China working-day calendar. Public holidays and the weekend days worked in exchange (调休) are fixed
 * each year by a State Council notice and cannot be computed, so the calendar is data: one file per year. A rest day
 * is a Saturday, Sunday or day of a holiday period that is not a listed workday. A date in a year without data raises
 * {@link CalendarYearMissingException} instead of falling back to weekends, which would silently shift deadlines;
 * this holds for every date argument, the excluded start of a count included.
 * <p>
 * Immutable and thread-safe.
 */
public final class WorkingCalendar {

    private static final Pattern FILE_NAME = Pattern.compile(".*-(\\d{4})\\.txt");
    private static final Pattern YEAR = Pattern.compile("year:\\s*(\\d{4})");
    private static final Pattern SOURCE = Pattern.compile("source:\\s*(\\S.*)");
    private static final Pattern HOLIDAY = Pattern.compile("holiday\\s+(\\S+)\\.\\.(\\S+)\\s+(\\S.*)");
    private static final Pattern WORKDAY = Pattern.compile("workday\\s+(\\S+)\\s+(\\S.*)");

    /** Year to the notice it comes from; the keys are the years covered. */
    private final SortedMap<Integer, String> sources;
    /** Every day of every holiday period to the holiday's name. */
    private final Map<LocalDate, String> holidays;
    /** Weekend days worked in exchange to their label. */
    private final Map<LocalDate, String> workdays;

    private WorkingCalendar(SortedMap<Integer, String> sources, Map<LocalDate, String> holidays,
            Map<LocalDate, String> workdays) {
        this.sources = Collections.unmodifiableSortedMap(new TreeMap<>(sources));
        this.holidays = Map.copyOf(holidays);
        this.workdays = Map.copyOf(workdays);
    }

    /** The bundled calendar, loaded on first use through this class's own loader (so it works inside OSGi). */
    public static WorkingCalendar china() {
        return China.CALENDAR;
    }

    private static final class China {
        static final WorkingCalendar CALENDAR = load();
    }

    /**
     * A calendar from file texts keyed by file name, each name ending in {@code -<year>.txt}.
     *
     * @throws IllegalArgumentException naming the file and line of the first error
     */
    public static WorkingCalendar parse(Map<String, String> filesByName) {
        SortedMap<Integer, String> sources = new TreeMap<>();
        Map<LocalDate, String> holidays = new HashMap<>();
        Map<LocalDate, String> workdays = new HashMap<>();
        filesByName.forEach((name, text) -> parseFile(name, text, sources, holidays, workdays));
        return new WorkingCalendar(sources, holidays, workdays);
    }

    public boolean isWorkingDay(LocalDate date) {
        requireYear(date.getYear());
        if (workdays.containsKey(date)) {
            return true;
        }
        return !holidays.containsKey(date) && !isWeekend(date);
    }

    /** The holiday a date belongs to, or for a weekend day worked in exchange its label; empty for other days. */
    public Optional<String> holidayName(LocalDate date) {
        requireYear(date.getYear());
        String workday = workdays.get(date);
        return Optional.ofNullable(workday != null ? workday : holidays.get(date));
    }

    /** The n-th working day after {@code start}; start itself never counts, and n = 0 returns it. */
    public LocalDate plusWorkingDays(LocalDate start, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("工作日数不能为负数：" + n + " / n must not be negative: " + n);
        }
        requireYear(start.getYear());
        LocalDate day = start;
        for (int found = 0; found < n;) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                found++;
            }
        }
        return day;
    }

    /**
     * A period of {@code n} calendar days from {@code from}, as the civil code counts it: {@code from} is not counted,
     * and a last day that is a rest day (weekend or holiday, not a 调休 workday) moves to the first working day after
     * the rest. See {@link Deadline}.
     */
    public Deadline days(LocalDate from, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("天数不能为负数：" + n + " / n must not be negative: " + n);
        }
        requireYear(from.getYear());
        LocalDate nominal = from.plusDays(n);
        LocalDate end = nominal;
        Set<String> rests = new LinkedHashSet<>();
        while (!isWorkingDay(end)) {
            rests.add(holidays.getOrDefault(end, "周末"));
            end = end.plusDays(1);
        }
        return new Deadline(from, n, Deadline.Unit.CALENDAR_DAYS, nominal, end,
                rests.isEmpty() ? null : String.join("、", rests));
    }

    /** A period of {@code n} working days after {@code from} ({@link #plusWorkingDays}); it ends on a working day. */
    public Deadline workingDays(LocalDate from, int n) {
        LocalDate end = plusWorkingDays(from, n);
        return new Deadline(from, n, Deadline.Unit.WORKING_DAYS, end, end, null);
    }

    /** The working days after {@code fromExclusive} up to and including {@code toInclusive}; 0 when to ≤ from. */
    public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
        requireYear(fromExclusive.getYear());
        requireYear(toInclusive.getYear());
        return count(fromExclusive, toInclusive);
    }

    /**
     * The working days from {@code first} to {@code last}, both included, in order; days of a year the calendar does
     * not cover are left out rather than guessed.
     */
    public List<LocalDate> workingDaysWithin(LocalDate first, LocalDate last) {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            if (years().contains(d.getYear()) && isWorkingDay(d)) {
                out.add(d);
            }
        }
        return out;
    }

    public int workingDays(int year) {
        requireYear(year);
        LocalDate last = LocalDate.of(year, 12, 31);
        return count(last.minusYears(1), last);
    }

    /**
     * The holiday periods overlapping {@code [from, to]}, in order: runs of consecutive rest days that
     * carry the same holiday name.
     */
    public List<Holiday> holidays(LocalDate from, LocalDate to) {
        List<LocalDate> days = new ArrayList<>(holidays.keySet());
        Collections.sort(days);
        List<Holiday> out = new ArrayList<>();
        LocalDate start = null;
        LocalDate previous = null;
        for (LocalDate day : days) {
            if (start != null && (!day.equals(previous.plusDays(1)) || !holidays.get(day).equals(holidays.get(start)))) {
                add(out, holidays.get(start), start, previous, from, to);
                start = null;
            }
            if (start == null) {
                start = day;
            }
            previous = day;
        }
        if (start != null) {
            add(out, holidays.get(start), start, previous, from, to);
        }
        return out;
    }

    private static void add(List<Holiday> out, String name, LocalDate start, LocalDate end, LocalDate from, LocalDate to) {
        if (!end.isBefore(from) && !start.isAfter(to)) {
            out.add(new Holiday(name, start, end));
        }
    }

    /** The last working day before {@code date}. */
    public LocalDate previousWorkingDay(LocalDate date) {
        LocalDate day = date.minusDays(1);
        while (!isWorkingDay(day)) {
            day = day.minusDays(1);
        }
        return day;
    }

    /**
     * The last working day before a holiday period and the first after it, in that order: the days 附件三's
     * 「重大节假日前后」 checks fall due, for the standard rules and the engineers' checklist alike. A day the calendar
     * cannot name (in a year without data, e.g. before 2022-01-01's 元旦) is left out rather than guessed.
     */
    public List<LocalDate> aroundHoliday(LocalDate start, LocalDate end) {
        List<LocalDate> days = new ArrayList<>(2);
        try {
            days.add(previousWorkingDay(start));
        } catch (CalendarYearMissingException e) {
            // before the calendar's first year
        }
        try {
            days.add(nextWorkingDay(end));
        } catch (CalendarYearMissingException e) {
            // after the calendar's last year
        }
        return days;
    }

    /** The first working day after {@code date}. */
    public LocalDate nextWorkingDay(LocalDate date) {
        return plusWorkingDays(date, 1);
    }

    /** The years covered, ascending. */
    public Set<Integer> years() {
        return sources.keySet();
    }

    /** The notice a year's data comes from. */
    public String source(int year) {
        requireYear(year);
        return sources.get(year);
    }

    private int count(LocalDate fromExclusive, LocalDate toInclusive) {
        int count = 0;
        for (LocalDate day = fromExclusive.plusDays(1); !day.isAfter(toInclusive); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    private void requireYear(int year) {
        if (!sources.containsKey(year)) {
            throw new CalendarYearMissingException(year, sources.keySet());
        }
    }

    private static boolean isWeekend(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    private static void parseFile(String file, String text, SortedMap<Integer, String> sources,
            Map<LocalDate, String> holidays, Map<LocalDate, String> workdays) {
        Matcher name = FILE_NAME.matcher(file);
        if (!name.matches()) {
            throw new IllegalArgumentException(file + "：文件名须以 -年份.txt 结尾 / " + file
                    + ": the file name must end in -<year>.txt");
        }
        int year = Integer.parseInt(name.group(1));
        if (sources.containsKey(year)) {
            throw new IllegalArgumentException(file + "：" + year + " 年的数据重复 / " + file + ": a second file for " + year);
        }
        boolean yearSeen = false;
        String source = null;
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int number = i + 1;
            Matcher m;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            } else if ((m = YEAR.matcher(line)).matches()) {
                if (Integer.parseInt(m.group(1)) != year) {
                    throw error(file, number, "年份 " + m.group(1) + " 与文件名不符", "year " + m.group(1)
                            + " disagrees with the file name");
                }
                yearSeen = true;
            } else if ((m = SOURCE.matcher(line)).matches()) {
                source = m.group(1);
            } else if ((m = HOLIDAY.matcher(line)).matches()) {
                LocalDate from = date(m.group(1), file, number);
                LocalDate to = date(m.group(2), file, number);
                if (to.isBefore(from)) {
                    throw error(file, number, "假期结束日早于开始日", "the holiday ends before it starts");
                }
                for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                    holidays.put(day, m.group(3));
                }
            } else if ((m = WORKDAY.matcher(line)).matches()) {
                LocalDate day = date(m.group(1), file, number);
                if (!isWeekend(day)) {
                    throw error(file, number, "调休上班日 " + day + " 不是周六或周日", "workday " + day
                            + " is not a Saturday or Sunday");
                }
                workdays.put(day, m.group(2));
            } else {
                throw error(file, number, "无法识别的行：" + line, "malformed line: " + line);
            }
        }
        if (!yearSeen || source == null) {
            throw new IllegalArgumentException(file + "：缺少 year: 或 source: 行 / " + file
                    + ": a year: or source: line is missing");
        }
        sources.put(year, source);
    }

    private static LocalDate date(String text, String file, int line) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw error(file, line, "日期无效：" + text, "invalid date: " + text);
        }
    }

    private static IllegalArgumentException error(String file, int line, String chinese, String english) {
        return new IllegalArgumentException(file + " 第 " + line + " 行：" + chinese + " / " + file + " line " + line
                + ": " + english);
    }

    private static WorkingCalendar load() {
        Map<String, String> files = new LinkedHashMap<>();
        for (String line : read("index.txt").split("\\R")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                files.put(name, read(name));
            }
        }
        return parse(files);
    }

    private static String read(String resource) {
        try (InputStream in = WorkingCalendar.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("工作日历资源缺失：" + resource + " / Calendar resource missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("工作日历资源无法读取：" + resource + " / Cannot read " + resource, e);
        }
    }
}
