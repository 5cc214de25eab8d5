package org.lvyue.shell.internal;

import java.io.PrintStream;
import java.lang.reflect.Field;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.support.CommandException;
import org.lvyue.api.calendar.CalendarYearMissingException;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.service.ConflictException;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.service.NotFoundException;
import org.lvyue.api.store.StoreException;

/**
 * What every {@code compliance:} command shares: its output stream, the parsing of days and periods,
 * and turning the services' refusals into one clear line. A refusal becomes Karaf's
 * {@link CommandException}, which the console prints in red without a stack trace (and logs only at
 * debug level); anything else is a bug and reaches Karaf's error handling as it is.
 */
abstract class ComplianceAction implements Action {

    /** Where the command prints; null means {@link System#out}, which Karaf points at the session's terminal. */
    PrintStream out;

    @Override
    public final Object execute() throws Exception {
        try {
            applyTrailingOptions();
            run(out == null ? System.out : out);
            return null;
        } catch (NotFoundException | ConflictException | CalendarYearMissingException e) {
            throw new CommandException(e.getMessage());
        } catch (org.lvyue.api.service.BusyException e) {
            // a report asked while its contract is re-evaluated past the wait: say when to try again
            throw new CommandException(e.getMessage() + "；请在 " + e.retryAfter().toSeconds() + " 秒后重试 (retry after "
                    + e.retryAfter().toSeconds() + " s)");
        } catch (InvalidInputException e) {
            throw new CommandException(describe(e));
        } catch (StoreException e) {
            throw new CommandException("数据库操作失败 (store error)：" + e.getMessage(), e);
        }
    }

    /**
     * Karaf reads options only before the first argument ({@code compliance:findings --status OPEN bj-hrss-2022}).
     * A command may also take them after ({@code compliance:findings bj-hrss-2022 --status OPEN}) by declaring
     * a last, multi-valued argument named {@value #TRAILING}: its words are read here against the same
     * {@link Option} declarations, {@code --name value} or {@code --name=value}, a flag alone.
     */
    static final String TRAILING = "options";

    private void applyTrailingOptions() throws Exception {
        Field trailing = null;
        for (Field f : getClass().getDeclaredFields()) {
            Argument a = f.getAnnotation(Argument.class);
            if (a != null && a.name().equals(TRAILING)) {
                trailing = f;
            }
        }
        if (trailing == null) {
            return;
        }
        trailing.setAccessible(true);
        List<?> words = (List<?>) trailing.get(this);
        if (words == null) {
            return;
        }
        for (int i = 0; i < words.size(); i++) {
            String word = String.valueOf(words.get(i));
            if (!word.startsWith("-")) {
                throw fail("多余的参数 (unexpected argument) '" + word + "'");
            }
            int eq = word.indexOf('=');
            String name = eq > 0 ? word.substring(0, eq) : word;
            Field field = option(name);
            if (field == null) {
                throw fail("未知选项 (undefined option) " + name + "；可用选项 (options)：" + String.join(" ", optionNames())
                        + (name.equals("--help") ? "；帮助请把 --help 写在参数前 (put --help first)" : ""));
            }
            field.setAccessible(true);
            if (field.getType() == boolean.class) {
                field.setBoolean(this, true);
                continue;
            }
            String value;
            if (eq > 0) {
                value = word.substring(eq + 1);
            } else if (i + 1 < words.size()) {
                value = String.valueOf(words.get(++i));
            } else {
                throw fail("选项 " + name + " 缺少取值 (needs a value)");
            }
            if (field.getType() == int.class) {
                try {
                    field.setInt(this, Integer.parseInt(value.trim()));
                } catch (NumberFormatException e) {
                    throw fail("选项 " + name + " 应为整数 (expects a whole number)：'" + value + "'");
                }
            } else {
                field.set(this, value);
            }
        }
    }

    private Field option(String name) {
        for (Field f : getClass().getDeclaredFields()) {
            Option o = f.getAnnotation(Option.class);
            if (o != null && (o.name().equals(name) || Arrays.asList(o.aliases()).contains(name))) {
                return f;
            }
        }
        return null;
    }

    private List<String> optionNames() {
        List<String> names = new ArrayList<>();
        for (Field f : getClass().getDeclaredFields()) {
            Option o = f.getAnnotation(Option.class);
            if (o != null) {
                names.add(o.name());
            }
        }
        return names;
    }

    /** Does the command's work, printing to {@code out}; refuses bad input with {@link #fail}. */
    abstract void run(PrintStream out) throws Exception;

    static CommandException fail(String message) {
        return new CommandException(message);
    }

    /** The shell session's current directory (the process's when there is none): relative file names start there. */
    static java.nio.file.Path currentDir(org.apache.karaf.shell.api.console.Session session) {
        return session != null && session.currentDir() != null ? session.currentDir()
                : java.nio.file.Path.of(System.getProperty("user.dir"));
    }

    /** The service's refusal as one line: its message and each problem's field and reason. */
    static String describe(InvalidInputException e) {
        String problems = e.problems().stream()
                .map(p -> (p.index() >= 0 ? "#" + p.index() + " " : "") + p.field() + ": " + p.reason())
                .collect(Collectors.joining("; "));
        return problems.isEmpty() || e.getMessage().contains(problems) ? e.getMessage() : e.getMessage() + "（" + problems + "）";
    }

    /** The contract, or a refusal naming the contracts there are. */
    static Contract contract(Contracts contracts, String id) throws CommandException {
        try {
            return contracts.contract(id);
        } catch (NotFoundException e) {
            String known = contracts.contracts().stream().map(Contract::id).sorted().collect(Collectors.joining(", "));
            throw fail("合同 '" + id + "' 不存在 (contract not found)；现有合同 (contracts)：" + (known.isEmpty() ? "无 (none)" : known));
        }
    }

    /** A {@code yyyy-MM-dd} day given to {@code option}, or {@code fallback} when absent. */
    static LocalDate date(String option, String value, LocalDate fallback) throws CommandException {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw fail(option + " '" + value + "' 不是日期，应为 yyyy-MM-dd (not a date, expected yyyy-MM-dd)");
        }
    }

    /**
     * A period, {@code 2022}, {@code 2022-Q3}, {@code 2022-03} or {@code 2022-03-07}, as its first and last day.
     * The same forms as the REST API's {@code period} parameter.
     */
    static LocalDate[] period(String value) throws CommandException {
        java.util.Optional<org.lvyue.api.finding.PeriodRange> range = org.lvyue.api.finding.PeriodRange.parse(value);
        if (range.isEmpty()) {
            throw fail("期间 (period) '" + value + "' 无效，应为 " + org.lvyue.api.finding.PeriodRange.FORMS
                    + " (expected a year, quarter, month or day)");
        }
        return new LocalDate[] {range.get().first(), range.get().last()};
    }

    /** Whether a period {@code [start, end]} overlaps {@code range}. */
    static boolean overlaps(LocalDate start, LocalDate end, LocalDate[] range) {
        return !end.isBefore(range[0]) && !start.isAfter(range[1]);
    }

    /** The shell user: Karaf's session property, else the JAAS subject's user principal, else "shell". */
    static String shellUser(org.apache.karaf.shell.api.console.Session session) {
        Object u = session == null ? null : session.get("USER");
        if (u != null) {
            return u.toString();
        }
        @SuppressWarnings("removal")
        javax.security.auth.Subject subject = javax.security.auth.Subject.getSubject(java.security.AccessController.getContext());
        if (subject != null) {
            for (java.security.Principal p : subject.getPrincipals()) {
                if (p.getClass().getSimpleName().equals("UserPrincipal")) {
                    return p.getName();
                }
            }
        }
        return "shell";
    }
}
