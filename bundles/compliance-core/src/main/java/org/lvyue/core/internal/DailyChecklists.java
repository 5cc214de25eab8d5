package org.lvyue.core.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lvyue.api.checklist.CheckEntry;
import org.lvyue.api.checklist.CheckRecord;
import org.lvyue.api.checklist.Checklist;
import org.lvyue.api.checklist.ChecklistItem;
import org.lvyue.api.checklist.Checklists;
import org.lvyue.api.checklist.FaultRecord;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.ContractService;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.ConflictException;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.FactIntake;
import org.lvyue.api.service.IngestResult;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.spi.Obligation;
import org.lvyue.api.store.ComplianceStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * 今日巡检: the room of the engineers' daily checklist. What falls due comes from {@link DueChecks} (the standard
 * rules' reading of the catalogues, the contract and the calendar); what is recorded is the catalogue's inspection and
 * fault facts as stored; a result is recorded by handing facts to the normal {@link FactIntake} (its validation, the
 * evidence chain, the evaluation), the engineer as their source, after {@link CheckEntries} checked them against the
 * day's checklist.
 *
 * <p>Systems (主/备): the client's systems a service's items are checked on are the contract's, {@code
 * services.<domain>.systems} in its definition ({@link ContractService#systems}); a service naming none has each item
 * checked once, on no named system ({@code ""}).
 */
@Component(service = Checklists.class)
public final class DailyChecklists implements Checklists {
    /** No fault is recorded later than this after the check it follows (the rule asks for it by the next working day). */
    private static final int FAULT_DAYS_AFTER = 31;

    private final ComplianceStore store;
    private final ComplianceEngine engine;
    private final Contracts contracts;
    private final FactIntake intake;
    private final BusinessClock days;
    /** One save at a time per contract (see {@link #record}). */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.locks.ReentrantLock> saving =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Activate
    public DailyChecklists(@Reference ComplianceStore store, @Reference ComplianceEngine engine,
                           @Reference Contracts contracts, @Reference FactIntake intake, @Reference BusinessClock days) {
        this.store = store;
        this.engine = engine;
        this.contracts = contracts;
        this.intake = intake;
        this.days = days;
    }

    @Override
    public Checklist checklist(String contractId, LocalDate day) {
        Contract c = contracts.contract(contractId);
        List<FactProblem> problems = CheckEntries.dayProblems(c, day, null);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.get(0).reason(), problems);
        }
        return checklist(c, day, due(c, day));
    }

    private List<DueChecks.Due> due(Contract c, LocalDate day) {
        return DueChecks.on(c, engine.catalogues(c), specialsUpTo(c, day), day);
    }

    /**
     * The special periods declared up to the day. Read over the contract's whole span, the same read for every day, so
     * the store keeps it across days and records; those dated after the day are left out here.
     */
    private List<Fact> specialsUpTo(Contract c, LocalDate day) {
        LocalDate last = day.isAfter(c.periodEnd()) ? day : c.periodEnd();
        return store.facts(c.id(), DueChecks.SPECIAL_PERIOD, c.periodStart().minusYears(1), last).stream()
                .filter(f -> !f.getDate().isAfter(day)).toList();
    }

    /**
     * The checklist of every day from {@code from} through {@code to}: what {@link #checklist(String, LocalDate)} gives for
     * each day, from one store read per fact kind over the whole range (a month's 巡检报告 reads the month once, not 31
     * times). Each day's list is built from the facts of exactly the window its own read would cover.
     */
    @Override
    public List<Checklist> checklists(String contractId, LocalDate from, LocalDate to) {
        Contract c = contracts.contract(contractId);
        List<FactProblem> problems = new ArrayList<>();
        CheckEntries.dayProblems(c, from, null).forEach(p -> problems.add(new FactProblem(-1, "from", p.reason())));
        CheckEntries.dayProblems(c, to, null).forEach(p -> problems.add(new FactProblem(-1, "to", p.reason())));
        if (problems.isEmpty() && to.isBefore(from)) {
            problems.add(new FactProblem(-1, "to", "结束日 " + to + " 早于开始日 " + from + " (before the first day)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.get(0).reason(), problems);
        }
        List<Fact> specials = specialsUpTo(c, to);
        List<org.lvyue.api.spi.DomainCatalogue> catalogues = engine.catalogues(c);
        Map<LocalDate, List<DueChecks.Due>> dues = new java.util.LinkedHashMap<>();
        Map<String, LocalDate[]> windows = new HashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            LocalDate day = d;
            // as the day's own read: the special periods declared up to the day
            List<Fact> declared = specials.stream().filter(f -> !f.getDate().isAfter(day)).toList();
            List<DueChecks.Due> due = DueChecks.on(c, catalogues, declared, day);
            dues.put(day, due);
            widen(windows, due);
        }
        Map<String, List<Fact>> read = readAtOnce(c, windows);
        Reader inRange = (kind, f, t) -> {
            LocalDate[] w = windows.get(kind);
            if (w == null || f.isBefore(w[0]) || t.isAfter(w[1])) {
                return store.facts(c.id(), kind, f, t);
            }
            return dated(read.get(kind), f, t);
        };
        List<Checklist> out = new ArrayList<>();
        dues.forEach((day, due) -> out.add(checklist(c, day, due, inRange)));
        return out;
    }

    /** Where the facts of a kind come from: the store, or a range already read. */
    @FunctionalInterface
    private interface Reader {
        /** The facts of the kind dated {@code [from, to]}. */
        List<Fact> facts(String kind, LocalDate from, LocalDate to);
    }

    /** Widens the windows of the kinds a day's items read (their records, and their faults after them) to that day's reads. */
    private static void widen(Map<String, LocalDate[]> windows, List<DueChecks.Due> due) {
        for (DueChecks.Due x : due) {
            widen(windows, x.obligation().evidenceKind(), due, 0);
            if (x.obligation().followUpKind() != null) {
                widen(windows, x.obligation().followUpKind(), due, FAULT_DAYS_AFTER);
            }
        }
    }

    /** The facts dated {@code [from, to]}, in their order. */
    private static List<Fact> dated(List<Fact> facts, LocalDate from, LocalDate to) {
        return facts.stream().filter(x -> !x.getDate().isBefore(from) && !x.getDate().isAfter(to)).toList();
    }

    /** Widens the kind's window to the one a day's read covers ({@link #read}). */
    private static void widen(Map<String, LocalDate[]> windows, String kind, List<DueChecks.Due> due, int daysAfter) {
        LocalDate from = due.stream().map(DueChecks.Due::from).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate to = due.stream().map(DueChecks.Due::to).max(Comparator.naturalOrder()).orElseThrow().plusDays(daysAfter);
        windows.merge(kind, new LocalDate[]{from, to}, (a, b) -> new LocalDate[]{
                a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
    }

    /**
     * One day's checklist. The kinds whose windows lie within the day's month (with the week before it and the faults
     * after it) are read as one window of the month, the same for every day of the month, which the store keeps up to
     * date as records arrive; an engineer's saves and the next day's list do not read the month again. The others
     * (quarterly and yearly items) are read over their own windows ({@link #readAtOnce}).
     */
    private Checklist checklist(Contract c, LocalDate day, List<DueChecks.Due> due) {
        if (due.isEmpty()) {
            return new Checklist(c.id(), day, List.of());
        }
        Map<String, LocalDate[]> windows = new HashMap<>();
        widen(windows, due);
        LocalDate monthFrom = day.withDayOfMonth(1).minusDays(7);
        LocalDate monthTo = day.with(java.time.temporal.TemporalAdjusters.lastDayOfMonth()).plusDays(7 + FAULT_DAYS_AFTER);
        Map<String, LocalDate[]> beyond = new HashMap<>();
        windows.forEach((kind, w) -> {
            if (w[0].isBefore(monthFrom) || w[1].isAfter(monthTo)) {
                beyond.put(kind, w);
            }
        });
        Map<String, List<Fact>> month = beyond.size() == windows.size() ? Map.of()
                : store.facts(c.id(), checkKinds(c), monthFrom, monthTo);
        Map<String, List<Fact>> other = beyond.isEmpty() ? Map.of() : readAtOnce(c, beyond);
        return checklist(c, day, due, (kind, from, to) -> dated(
                beyond.containsKey(kind) ? other.get(kind) : month.getOrDefault(kind, List.of()), from, to));
    }

    /** Every kind a check item of the contract's services is recorded in, or its faults: the month window's kinds. */
    private java.util.Set<String> checkKinds(Contract c) {
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        for (org.lvyue.api.spi.DomainCatalogue cat : engine.catalogues(c)) {
            for (Obligation o : cat.obligations()) {
                if (o.category() == Obligation.Category.CHECK) {
                    kinds.add(o.evidenceKind());
                    if (o.followUpKind() != null) {
                        kinds.add(o.followUpKind());
                    }
                }
            }
        }
        return kinds;
    }

    /**
     * The facts of every kind over its own window, from one read of the store over the days of all of them: the fact
     * table has no index by kind or date, so each read passes over the contract's facts, and one pass beats thirty.
     */
    private Map<String, List<Fact>> readAtOnce(Contract c, Map<String, LocalDate[]> windows) {
        LocalDate from = windows.values().stream().map(w -> w[0]).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate to = windows.values().stream().map(w -> w[1]).max(Comparator.naturalOrder()).orElseThrow();
        Map<String, List<Fact>> all = store.facts(c.id(), windows.keySet(), from, to);
        Map<String, List<Fact>> out = new HashMap<>();
        windows.forEach((kind, w) -> out.put(kind, dated(all.getOrDefault(kind, List.of()), w[0], w[1])));
        return out;
    }

    private Checklist checklist(Contract c, LocalDate day, List<DueChecks.Due> due, Reader reader) {
        Map<String, List<Fact>> byKind = new HashMap<>();
        for (DueChecks.Due d : due) {
            read(reader, d.obligation().evidenceKind(), due, 0, byKind);
            if (d.obligation().followUpKind() != null) {
                read(reader, d.obligation().followUpKind(), due, FAULT_DAYS_AFTER, byKind);
            }
        }
        List<ChecklistItem> items = new ArrayList<>();
        for (DueChecks.Due d : due) {
            Obligation o = d.obligation();
            List<Fact> all = byKind.get(o.evidenceKind()).stream().filter(f -> evidences(f, o)).toList();
            List<Fact> faults = o.followUpKind() == null ? List.of()
                    : byKind.get(o.followUpKind()).stream().filter(f -> subjectOf(o).equals(f.getSubject())).toList();
            List<CheckRecord> records = dated(all, d.from(), d.to()).stream()
                    .sorted(Comparator.comparing(Fact::getDate).thenComparing(DailyChecklists::received).thenComparing(Fact::getId))
                    .map(f -> record(f, all, faults)).toList();
            items.add(new ChecklistItem(o.id(), o.domain(), o.title(), o.clause(), o.frequency(), d.period(),
                    systems(c, o.domain()), o.followUpKind(), records));
        }
        return new Checklist(c.id(), day, items);
    }

    /** Every fact of the kind over the days the items' records come from (and, for faults, the days after). */
    private static void read(Reader reader, String kind, List<DueChecks.Due> due, int daysAfter, Map<String, List<Fact>> byKind) {
        byKind.computeIfAbsent(kind, k -> {
            LocalDate from = due.stream().map(DueChecks.Due::from).min(Comparator.naturalOrder()).orElseThrow();
            LocalDate to = due.stream().map(DueChecks.Due::to).max(Comparator.naturalOrder()).orElseThrow();
            return reader.facts(k, from, to.plusDays(daysAfter));
        });
    }

    /** The systems the contract names for the service, or the one unnamed system. */
    static List<String> systems(Contract c, String domain) {
        List<String> named = c.service(domain).map(ContractService::systems).orElse(List.of());
        return named.isEmpty() ? List.of("") : named;
    }

    /** The subject an item's records (and its fault records) carry: the obligation's evidence subject, else its id. */
    static String subjectOf(Obligation o) {
        return o.evidenceSubject() != null ? o.evidenceSubject() : o.id();
    }

    private static boolean evidences(Fact f, Obligation o) {
        return o.evidenceSubject() == null || o.evidenceSubject().equals(f.getSubject());
    }

    private static java.time.Instant received(Fact f) {
        return f.getReceivedAt() == null ? java.time.Instant.EPOCH : f.getReceivedAt();
    }

    private static CheckRecord record(Fact f, List<Fact> ofItem, List<Fact> faults) {
        String correctedBy = ofItem.stream().filter(x -> f.getId().equals(x.attr(CheckEntries.SUPERSEDES)))
                .min(Comparator.comparing(DailyChecklists::received).thenComparing(Fact::getId)).map(Fact::getId).orElse(null);
        boolean normal = !CheckEntries.ABNORMAL.equals(f.getStatus());
        List<FaultRecord> following = normal ? List.of() : faultsOf(f, faults);
        String system = f.attr("system");
        String engineer = f.attr("inspector") != null ? f.attr("inspector") : f.getSource();
        return new CheckRecord(f.getId(), f.getDate(), system == null ? "" : system, normal, f.attr("note"), engineer,
                f.getReceivedAt(), f.attr(CheckEntries.SUPERSEDES), correctedBy, following);
    }

    /**
     * The fault records that follow an abnormal record: those naming it ({@code inspection}); for records that name
     * none (a sheet's, an older collector's), those of the same item and system from its day to the next working day,
     * the window the rule reads them in.
     */
    private static List<FaultRecord> faultsOf(Fact r, List<Fact> faults) {
        List<Fact> named = faults.stream().filter(f -> r.getId().equals(f.attr(CheckEntries.INSPECTION))).toList();
        if (named.isEmpty()) {
            LocalDate by = nextWorkingDay(r.getDate());
            named = faults.stream().filter(f -> f.attr(CheckEntries.INSPECTION) == null && !f.getDate().isBefore(r.getDate())
                    && !f.getDate().isAfter(by) && (f.attr("system") == null || f.attr("system").equals(r.attr("system")))).toList();
        }
        return named.stream().sorted(Comparator.comparing(Fact::getDate).thenComparing(DailyChecklists::received)
                        .thenComparing(Fact::getId))
                .map(f -> new FaultRecord(f.getId(), f.attr("description"), f.attr(CheckEntries.REPORTED_TO),
                        f.getTime(), f.getStatus())).toList();
    }

    private static LocalDate nextWorkingDay(LocalDate day) {
        try {
            return org.lvyue.api.calendar.WorkingCalendar.china().nextWorkingDay(day);
        } catch (org.lvyue.api.calendar.CalendarYearMissingException e) {
            return day.plusDays(1);
        }
    }

    /**
     * Records the entries, or refuses them: 400 for what is wrong with them, 409 ({@link ConflictException}, naming who
     * recorded the item and when) for an item that changed since the engineer's page showed it. An entry carries what
     * the page showed: the record it corrects ({@code supersedes}) or none.
     */
    /** Whether the thread waits for another save of the contract to finish (what a test of two saves at once watches). */
    boolean waitingToSave(String contractId, Thread thread) {
        java.util.concurrent.locks.ReentrantLock lock = saving.get(contractId);
        return lock != null && lock.hasQueuedThread(thread);
    }

    @Override
    public IngestResult record(String contractId, LocalDate day, String engineer, List<CheckEntry> entries) {
        Contract c = contracts.contract(contractId);
        List<FactProblem> problems = CheckEntries.dayProblems(c, day, days.today());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.get(0).reason(), problems);
        }
        // the check against what is stored and the storing are one step per contract: two engineers saving the same
        // item at once cannot both find it unrecorded (or both correct the same record); the second is refused (409)
        java.util.concurrent.locks.ReentrantLock lock = saving.computeIfAbsent(contractId,
                k -> new java.util.concurrent.locks.ReentrantLock());
        lock.lock();
        try {
            List<DueChecks.Due> due = due(c, day);
            Map<String, Obligation> obligations = new HashMap<>();
            due.forEach(d -> obligations.putIfAbsent(d.obligation().id(), d.obligation()));
            CheckEntries.Batch batch = CheckEntries.of(checklist(c, day, due), obligations, engineer, entries, days.latest(),
                    days.clock().getZone());
            try {
                return intake.ingest(contractId, batch.facts(), engineer);
            } catch (InvalidInputException e) {
                throw batch.asEntries(e);
            }
        } finally {
            lock.unlock();
        }
    }
}
