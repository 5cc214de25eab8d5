package org.lvyue.demo;

import org.lvyue.api.audit.AuditEvent;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * The security-audit log of the demo year (附件二 3): about 3,000 users of the business systems logging in and
 * out, mostly on working days between 08:00 and 19:00 from the known office subnets, operating, moving files
 * (some classified), and administrators granting permissions, each grant executing an approved request.
 * About 1,000,000 events a year at scale 1: never held in memory, each day is regenerated from the seed
 * when read, so the log can be read any number of times and is the same each time.
 *
 * <p>Injected anomalies (each listed as a violation): a night session, a session from an address outside
 * every office subnet, a burst of failed logins, a grant without an approved request, and a user downloading
 * dozens of classified files in one day. Normal traffic is made so that none of it looks like these: every
 * normal event lies in 08:00-19:00 and comes from the user's own subnet, a user has at most one session (so
 * at most one failed login and one classified file) a day, and every normal grant names an approved request.
 */
final class AuditLog {
    static final int USERS = 3_000;
    static final LocalTime WORK_START = LocalTime.of(8, 0);
    static final LocalTime WORK_END = LocalTime.of(19, 0);
    /** Sessions on a working day at scale 1, and on a rest day: about 1,000,000 events over 2022. */
    private static final int SESSIONS_WORKING = 890;
    private static final int SESSIONS_REST = 45;
    private static final double GRANTS_PER_WORKING_DAY = 5.0;
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String[] ROLES = {"社保经办-受理岗", "社保经办-复核岗", "社保卡-制卡岗", "就业服务-登记岗", "人事考试-审核岗",
            "劳动监察-执法岗", "数据交换-接口管理员", "系统运维-只读"};
    private static final String[][] OPERATIONS = {
            {"/ss/person/query", "/ss/contribution/query", "/ss/contribution/adjust", "/ss/retirement/approve", "/ss/transfer/apply"},
            {"/card/apply/query", "/card/issue", "/card/loss/report", "/card/reissue"},
            {"/job/register", "/job/vacancy/publish", "/job/unemployment/approve"},
            {"/exam/candidate/query", "/exam/registration/review", "/exam/score/publish"},
            {"/inspection/case/open", "/inspection/case/query", "/inspection/complaint/handle"},
            {"/web/content/publish", "/web/notice/edit"},
            {"/sso/profile", "/sso/password/change"},
            {"/dx/task/run", "/dx/interface/config"},
            {"/perm/role/query", "/perm/resource/query"},
            {"/audit/log/query", "/audit/report/export"}};

    private final long seed;
    private final double scale;
    private final LocalDate from;
    private final LocalDate to;
    private final Predicate<LocalDate> working;
    private final String[] accounts = new String[USERS];
    private final String[] addresses = new String[USERS];
    private final int[] system = new int[USERS];
    private final String[] admins = new String[12];
    private final String[] adminAddresses = new String[12];
    private final List<String> subnets = new ArrayList<>();
    private final List<Anomaly> anomalies = new ArrayList<>();

    /** An injected anomaly: its day, the account it concerns, and the events it adds (tagged with its id). */
    record Anomaly(String id, String kind, LocalDate day, int user, String detail) {
    }

    AuditLog(long seed, double scale, LocalDate from, LocalDate to, Predicate<LocalDate> working) {
        this.seed = seed;
        this.scale = scale;
        this.from = from;
        this.to = to;
        this.working = working;
        for (int i = 1; i <= 24; i++) {
            subnets.add("10.11." + i + ".0/24"); // 通州城市副中心办公区
        }
        for (int i = 1; i <= 16; i++) {
            subnets.add("10.21." + i + ".0/24"); // the districts' service halls (各区经办网点)
        }
        subnets.add("10.31.1.0/24"); // 北京市大数据中心
        Rng r = Rng.of(seed, "audit-users");
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (int u = 0; u < USERS; u++) {
            String name;
            do {
                name = Names.SURNAMES_PINYIN[r.nextInt(Names.SURNAMES_PINYIN.length)]
                        + Names.GIVEN_PINYIN[r.nextInt(Names.GIVEN_PINYIN.length)] + String.format(java.util.Locale.ROOT, "%04d", r.nextInt(10_000));
            } while (!taken.add(name));
            accounts[u] = name;
            int subnet = r.nextInt(subnets.size() - 1);
            addresses[u] = prefix(subnets.get(subnet)) + (10 + u % 240);
            system[u] = r.nextInt(OPERATIONS.length - 2); // the business systems; the last two are the platform's own
        }
        for (int a = 0; a < admins.length; a++) {
            admins[a] = "admin." + Names.SURNAMES_PINYIN[r.nextInt(Names.SURNAMES_PINYIN.length)]
                    + Names.GIVEN_PINYIN[r.nextInt(Names.GIVEN_PINYIN.length)];
            adminAddresses[a] = "10.31.1." + (20 + a);
        }
    }

    private static String prefix(String cidr) {
        return cidr.substring(0, cidr.lastIndexOf('.') + 1);
    }

    List<String> subnets() {
        return Collections.unmodifiableList(subnets);
    }

    String account(int user) {
        return accounts[user];
    }

    /** Plans an anomaly (before any reading); its events come with the day's. */
    void inject(Anomaly a) {
        anomalies.add(a);
    }

    /** Reads the whole log, day by day, in time order. */
    Iterator<AuditEvent> iterator() {
        return new Iterator<>() {
            private LocalDate day = from;
            private Iterator<AuditEvent> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && !day.isAfter(to)) {
                    current = day(day).events().iterator();
                    day = day.plusDays(1);
                }
                return current.hasNext();
            }

            @Override
            public AuditEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** One day of the log, and the ids of the events each anomaly of the day added. */
    record Day(List<AuditEvent> events, Map<String, List<String>> anomalies) {
    }

    Day day(LocalDate day) {
        List<Draft> drafts = new ArrayList<>();
        List<Anomaly> today = anomalies.stream().filter(a -> a.day().equals(day)).toList();
        java.util.Set<Integer> busy = new java.util.HashSet<>();
        today.forEach(a -> busy.add(a.user()));
        Rng r = Rng.of(seed, "audit/" + day);
        boolean wd = working.test(day);
        int sessions = (int) Math.round((wd ? SESSIONS_WORKING : SESSIONS_REST) * scale * (0.85 + 0.3 * r.nextDouble()));
        sessions = Math.min(sessions, USERS);
        int[] users = new int[USERS];
        for (int i = 0; i < USERS; i++) {
            users[i] = i;
        }
        for (int s = 0; s < sessions; s++) {
            int j = s + r.nextInt(USERS - s);
            int u = users[j];
            users[j] = users[s];
            users[s] = u;
            if (!busy.contains(u)) {
                session(u, day, wd, r, drafts);
            }
        }
        drafts.addAll(grants(day));
        for (Anomaly a : today) {
            anomaly(a, drafts);
        }
        drafts.sort(Comparator.comparing((Draft d) -> d.at).thenComparing(d -> d.user).thenComparing(d -> d.action));
        List<AuditEvent> events = new ArrayList<>(drafts.size());
        Map<String, List<String>> tagged = new LinkedHashMap<>();
        String prefix = "ae-" + DAY.format(day) + "-";
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            String id = prefix + String.format(java.util.Locale.ROOT, "%06d", i + 1);
            events.add(new AuditEvent(id, d.at, d.user, d.address, d.action, d.resource, d.classified, d.requestId, d.system));
            if (d.tag != null) {
                tagged.computeIfAbsent(d.tag, k -> new ArrayList<>()).add(id);
            }
        }
        return new Day(events, tagged);
    }

    /** The approval requests the day's grants execute (all approved), without generating the rest of the day. */
    List<String> approvedRequests() {
        List<String> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            for (Draft g : grants(d)) {
                out.add(g.requestId);
            }
        }
        return out;
    }

    private List<Draft> grants(LocalDate day) {
        if (!working.test(day)) {
            return List.of();
        }
        Rng r = Rng.of(seed, "audit-grants/" + day);
        double mean = GRANTS_PER_WORKING_DAY * scale;
        int n = (int) Math.floor(mean * (0.6 + 0.8 * r.nextDouble()));
        if (r.chance(mean - Math.floor(mean))) {
            n++;
        }
        List<Draft> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int a = r.nextInt(admins.length);
            int grantee = r.nextInt(USERS);
            Draft d = new Draft(day.atTime(9, 0).plusSeconds(r.nextInt(8 * 3600 + 30 * 60)), admins[a], adminAddresses[a],
                    "permission-grant", "授予 " + accounts[grantee] + " 角色「" + r.pick(ROLES) + "」", "权限管理系统");
            d.requestId = "REQ-" + DAY.format(day) + "-" + String.format(java.util.Locale.ROOT, "%03d", i + 1);
            out.add(d);
        }
        return out;
    }

    private void session(int u, LocalDate day, boolean wd, Rng r, List<Draft> out) {
        int sys = system[u];
        String systemName = Names.SYSTEMS.get(sys).name();
        // working days: logins 08:01-17:30; rest days (overtime): 09:00-16:00; a session lasts at most about 70 minutes
        LocalDateTime t = wd ? day.atTime(8, 1).plusSeconds(r.nextInt(9 * 3600 + 29 * 60))
                : day.atTime(9, 0).plusSeconds(r.nextInt(7 * 3600));
        if (r.chance(0.03)) {
            out.add(new Draft(t.minusSeconds(5 + r.nextInt(36)), accounts[u], addresses[u], "login-failed", "/sso/login", systemName));
        }
        out.add(new Draft(t, accounts[u], addresses[u], "login", "/sso/login", systemName));
        double k = r.nextDouble();
        int operations = k < 0.3 ? 1 : k < 0.6 ? 2 : k < 0.85 ? 3 : 4;
        String[] ops = OPERATIONS[sys];
        for (int i = 0; i < operations; i++) {
            t = t.plusSeconds(30 + r.nextInt(690));
            out.add(new Draft(t, accounts[u], addresses[u], "operation", ops[r.nextInt(ops.length)], systemName));
        }
        if (r.chance(0.15)) {
            t = t.plusSeconds(30 + r.nextInt(690));
            boolean download = r.chance(0.7);
            boolean classified = r.chance(0.25);
            Draft f = new Draft(t, accounts[u], addresses[u], download ? "file-download" : "file-upload",
                    "/files/" + Names.SYSTEMS.get(sys).code().toLowerCase() + "/" + (classified ? "涉密-" : "") + "文件"
                            + (1000 + r.nextInt(9000)) + ".xlsx", systemName);
            f.classified = classified;
            out.add(f);
        }
        if (r.chance(0.95)) {
            out.add(new Draft(t.plusSeconds(60 + r.nextInt(540)), accounts[u], addresses[u], "logout", "/sso/logout", systemName));
        }
    }

    private void anomaly(Anomaly a, List<Draft> out) {
        Rng r = Rng.of(seed, "audit-anomaly/" + a.id());
        int u = a.user();
        String systemName = Names.SYSTEMS.get(system[u]).name();
        String[] ops = OPERATIONS[system[u]];
        List<Draft> added = new ArrayList<>();
        switch (a.kind()) {
            case "night-login" -> {
                LocalDateTime t = a.day().atTime(2, 0).plusSeconds(r.nextInt(100 * 60));
                added.add(new Draft(t, accounts[u], addresses[u], "login", "/sso/login", systemName));
                for (int i = 0; i < 3; i++) {
                    t = t.plusSeconds(40 + r.nextInt(300));
                    added.add(new Draft(t, accounts[u], addresses[u], "operation", ops[r.nextInt(ops.length)], systemName));
                }
                added.add(new Draft(t.plusSeconds(120), accounts[u], addresses[u], "logout", "/sso/logout", systemName));
            }
            case "unknown-address" -> {
                String address = a.detail();
                LocalDateTime t = a.day().atTime(10, 0).plusSeconds(r.nextInt(3600));
                added.add(new Draft(t, accounts[u], address, "login", "/sso/login", systemName));
                for (int i = 0; i < 3; i++) {
                    t = t.plusSeconds(40 + r.nextInt(300));
                    added.add(new Draft(t, accounts[u], address, "operation", ops[r.nextInt(ops.length)], systemName));
                }
                t = t.plusSeconds(90);
                added.add(new Draft(t, accounts[u], address, "file-download", "/files/" + Names.SYSTEMS.get(system[u]).code()
                        .toLowerCase() + "/参保人员名册-" + (1000 + r.nextInt(9000)) + ".xlsx", systemName));
                added.add(new Draft(t.plusSeconds(200), accounts[u], address, "logout", "/sso/logout", systemName));
            }
            case "failed-burst" -> {
                LocalDateTime t = a.day().atTime(14, 2).plusSeconds(r.nextInt(600));
                for (int i = 0; i < 12; i++) {
                    added.add(new Draft(t, accounts[u], addresses[u], "login-failed", "/sso/login", systemName));
                    t = t.plusSeconds(8 + r.nextInt(10));
                }
            }
            case "grant-without-request" -> {
                int admin = r.nextInt(admins.length);
                int grantee = r.nextInt(USERS);
                added.add(new Draft(a.day().atTime(16, 40).plusSeconds(r.nextInt(900)), admins[admin], adminAddresses[admin],
                        "permission-grant", "授予 " + accounts[grantee] + " 角色「数据交换-接口管理员」", "权限管理系统"));
            }
            case "classified-mass-download" -> {
                LocalDateTime t = a.day().atTime(13, 50).plusSeconds(r.nextInt(300));
                out.add(new Draft(t, accounts[u], addresses[u], "login", "/sso/login", systemName));
                for (int i = 0; i < 63; i++) {
                    t = t.plusSeconds(120 + r.nextInt(90));
                    Draft f = new Draft(t, accounts[u], addresses[u], "file-download", "/files/" + Names.SYSTEMS.get(system[u])
                            .code().toLowerCase() + "/涉密-档案" + String.format(java.util.Locale.ROOT, "%04d", i + 1) + ".pdf", systemName);
                    f.classified = true;
                    added.add(f);
                }
                out.add(new Draft(t.plusSeconds(240), accounts[u], addresses[u], "logout", "/sso/logout", systemName));
            }
            default -> throw new IllegalArgumentException(a.kind());
        }
        for (Draft d : added) {
            d.tag = a.id();
        }
        out.addAll(added);
    }

    private static final class Draft {
        final LocalDateTime at;
        final String user;
        final String address;
        final String action;
        final String resource;
        final String system;
        boolean classified;
        String requestId;
        String tag;

        Draft(LocalDateTime at, String user, String address, String action, String resource, String system) {
            this.at = at;
            this.user = user;
            this.address = address;
            this.action = action;
            this.resource = resource;
            this.system = system;
        }
    }
}
