package org.lvyue.engine.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.mvel.ConstraintEvaluationException;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.lvyue.api.engine.RuleProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs rules under the evaluation time limit and traces a failure to the domain whose rule caused it.
 *
 * <p>The work on a session runs on a thread of the guard's own while the caller waits, at most the
 * time limit of processor time: a machine slowed by other work or by garbage collection makes an
 * evaluation take longer without making its rules any worse, and must not stop a healthy domain for
 * every contract. A rule that waits instead of computing uses no processor time, so the wall-clock
 * time is bounded too, at {@value #WALL_CLOCK_FACTOR} times the limit (and where the JVM cannot
 * measure a thread's processor time, the limit is wall-clock time). Past either the session is halted: Drools stops between two consequences, which ends rules
 * that re-activate each other forever. If a consequence or a condition still runs after a grace
 * period, the thread is interrupted, which ends one that sleeps or waits. If even that does not end
 * it (a Java loop), the thread is abandoned: a JVM cannot stop a thread safely, so it keeps running,
 * and is reported as stuck, until it returns by itself or the engine restarts. The caller gets
 * control back in every case, so one bad domain never holds a contract, or the engine, for good.
 */
final class RuleGuard {
    private static final Logger LOG = LoggerFactory.getLogger(RuleGuard.class);
    static final Duration DEFAULT_LIMIT = Duration.ofSeconds(30);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Drools names the rules of a constraint that failed as {@code [Rule "name" in file]}. */
    private static final Pattern CONSTRAINT_RULE = Pattern.compile("Rule \"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Object FINISHED = new Object();
    /** The wall-clock bound of an evaluation, in multiples of the limit of its processor time. */
    static final int WALL_CLOCK_FACTOR = 4;
    private static final ThreadMXBean THREADS_CPU = ManagementFactory.getThreadMXBean();

    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lvyue-rules-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private volatile Duration limit = DEFAULT_LIMIT;
    private final Set<Abandoned> abandoned = ConcurrentHashMap.newKeySet();

    /**
     * A thread given up on, still running a rule of the domain bundle {@code bundleId} at
     * {@code version} (-1 and null when no domain could be told).
     */
    record Abandoned(long bundleId, String version, String rule, String thread, Instant since) {
    }

    Duration limit() {
        return limit;
    }

    void limit(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("time limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    /** The threads given up on that have not returned. */
    List<Abandoned> stuck() {
        return List.copyOf(abandoned);
    }

    /** How long to wait for a halt, then for an interrupt, to take effect: a quarter of the limit, 0.2-5 s. */
    private Duration grace() {
        long quarter = limit.toMillis() / 4;
        return Duration.ofMillis(Math.max(200, Math.min(5000, quarter)));
    }

    /**
     * Runs {@code work} (any use of {@code session}) on a guarded thread with the engine's class
     * loader as its context class loader, and returns its result.
     *
     * @throws RuleFailure when it threw, ran out of time, or had to be abandoned
     */
    <T> T run(KieSession session, RuleWatch watch, RuleSet rules, Supplier<T> work) {
        watch.reset();
        AtomicReference<Thread> worker = new AtomicReference<>();
        AtomicReference<Object> end = new AtomicReference<>();
        AtomicLong cpuAtStart = new AtomicLong(-1);
        Future<T> future = pool.submit(() -> {
            cpuAtStart.set(cpuTime());
            worker.set(Thread.currentThread());
            try {
                return DroolsClassLoading.call(work);
            } finally {
                if (end.getAndSet(FINISHED) instanceof Abandoned a) {
                    abandoned.remove(a);
                    LOG.warn("Thread {} abandoned at {} (rule '{}') returned after all", a.thread(), a.since(), a.rule());
                }
            }
        });
        try {
            return withinLimit(future, worker, cpuAtStart);
        } catch (ExecutionException e) {
            throw threw(e.getCause(), watch, rules);
        } catch (TimeoutException e) {
            return overtime(session, watch, rules, future, worker, end);
        } catch (InterruptedException e) {
            // the caller is being shut down: stop the work as far as possible and give the session up
            Thread.currentThread().interrupt();
            session.halt();
            Thread t = worker.get();
            if (t != null) {
                t.interrupt();
            }
            throw new RuleFailure(RuleFailure.Kind.TIME_LIMIT, rules, List.of(), NOWHERE, "评估被中断",
                    "evaluation interrupted", true, e);
        }
    }

    /**
     * The work's result once it ends within the limit: its processor time below the limit and its
     * wall-clock time below {@value #WALL_CLOCK_FACTOR} times the limit.
     *
     * @throws TimeoutException past either
     */
    private <T> T withinLimit(Future<T> future, AtomicReference<Thread> worker, AtomicLong cpuAtStart)
            throws ExecutionException, InterruptedException, TimeoutException {
        long limitNanos = limit.toNanos();
        if (!cpuMeasured()) {
            return future.get(limitNanos, TimeUnit.NANOSECONDS);
        }
        long wallDeadline = System.nanoTime() + limitNanos * WALL_CLOCK_FACTOR;
        long slice = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(limitNanos / 10, TimeUnit.MILLISECONDS.toNanos(250)));
        while (true) {
            long left = wallDeadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("wall-clock bound");
            }
            try {
                return future.get(Math.min(slice, left), TimeUnit.NANOSECONDS);
            } catch (TimeoutException notYet) {
                Thread t = worker.get();
                long start = cpuAtStart.get();
                if (t != null && start >= 0) {
                    long now = THREADS_CPU.getThreadCpuTime(t.getId());
                    if (now >= 0 && now - start >= limitNanos) {
                        throw notYet;
                    }
                }
            }
        }
    }

    private static boolean cpuMeasured() {
        return THREADS_CPU.isThreadCpuTimeSupported() && THREADS_CPU.isThreadCpuTimeEnabled();
    }

    /** The processor time of the current thread so far, or -1 where it cannot be measured. */
    private static long cpuTime() {
        return cpuMeasured() ? THREADS_CPU.getCurrentThreadCpuTime() : -1;
    }

    private <T> T overtime(KieSession session, RuleWatch watch, RuleSet rules, Future<T> future,
                           AtomicReference<Thread> worker, AtomicReference<Object> end) {
        long seconds = limit.toSeconds();
        session.halt();
        if (await(future, session, true)) {
            // halted between two consequences: rules that kept re-activating each other
            Blame b = busiest(watch, rules);
            return failWith(future, RuleFailure.Kind.TIME_LIMIT, rules, b, "评估超过时间限制 " + seconds + " 秒，"
                    + "本领域的规则触发最多（" + b.detail + "），疑似规则相互激活的死循环", "time limit of " + seconds
                    + " s exceeded: this domain's rules fired most, likely an endless rule loop");
        }
        // one consequence or condition is still running: it is to blame, whatever fired before it
        Thread t = worker.get();
        Blame b = running(watch, rules, t == null ? new StackTraceElement[0] : t.getStackTrace());
        if (t != null) {
            t.interrupt();
        }
        String zhInterrupted = b.what + "超过时间限制 " + seconds + " 秒仍未结束，已中断";
        String enInterrupted = "still running past the time limit of " + seconds + " s: interrupted";
        if (await(future, session, false)) {
            return failWith(future, RuleFailure.Kind.TIME_LIMIT, rules, b, zhInterrupted, enInterrupted);
        }
        Abandoned a = new Abandoned(b.culprits.isEmpty() ? -1 : b.culprits.get(0).source().bundleId(),
                b.culprits.isEmpty() ? null : b.culprits.get(0).source().version(), b.rule,
                t == null ? "?" : t.getName(), Instant.now());
        abandoned.add(a);
        if (!end.compareAndSet(null, a)) {
            abandoned.remove(a); // it returned just now after all
            return failWith(future, RuleFailure.Kind.TIME_LIMIT, rules, b, zhInterrupted, enInterrupted);
        }
        LOG.error("Thread {} still runs {} {} ms past the time limit and is abandoned: a JVM cannot stop it safely",
                a.thread(), b.rule == null ? "domain code" : "rule '" + b.rule + "'", grace().multipliedBy(2).toMillis());
        throw new RuleFailure(RuleFailure.Kind.STUCK, rules, b.culprits, b.where(), b.what + "超过时间限制 " + seconds
                + " 秒后既不能暂停也不能中断（疑似 Java 代码中的死循环）；其线程 " + a.thread() + " 无法在 JVM 中安全终止，"
                + "将一直占用处理器，直到引擎重启", "stuck: past the time limit of " + seconds + " s it could be neither"
                + " halted nor interrupted, likely a Java loop; its thread " + a.thread() + " cannot be stopped safely in a"
                + " JVM and keeps a processor busy until the engine restarts", true, null);
    }

    /** Waits up to the grace period for the work to end, halting the session again meanwhile (a halt before the
     * firing started is lost). */
    private boolean await(Future<?> future, KieSession session, boolean halting) {
        long deadline = System.nanoTime() + grace().toNanos();
        while (!future.isDone() && System.nanoTime() < deadline) {
            if (halting) {
                session.halt();
            }
            try {
                future.get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // still running, or ended by throwing: both are looked at by the caller
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return future.isDone();
            }
        }
        return future.isDone();
    }

    /** The failure to throw once the overtime work has ended: halted, or ended by throwing after the interrupt. */
    private static <T> T failWith(Future<T> future, RuleFailure.Kind kind, RuleSet rules, Blame b, String zh, String en) {
        Throwable cause = null;
        try {
            future.get();
        } catch (ExecutionException e) {
            cause = e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new RuleFailure(kind, rules, b.culprits, b.where(), zh, en, false, cause);
    }

    /** Who is to blame for an exception: a failed constraint names its rules; else the running consequence; else the stack. */
    private static RuleFailure threw(Throwable e, RuleWatch watch, RuleSet rules) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        Blame b = null;
        for (Throwable t = e; t != null && b == null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConstraintEvaluationException c) {
                b = constraint(c, rules);
            }
        }
        if (b == null) {
            Rule current = watch.current();
            b = current != null ? ofRule(current, rules) : ofStack(stackOf(e), rules);
        }
        if (b.culprits.isEmpty()) {
            return new RuleFailure(RuleFailure.Kind.THREW, rules, List.of(), NOWHERE, "评估出错，无法确定出错的领域：" + reason,
                    "evaluation failed; no domain to blame", false, e);
        }
        return new RuleFailure(RuleFailure.Kind.THREW, rules, b.culprits, b.where(), b.what + "运行时出错：" + reason,
                (b.rule == null ? "domain code" : "rule '" + b.rule + "'") + " failed at run time", false, e);
    }

    /**
     * A domain to blame and what to say about it.
     *
     * @param culprits the modules, usually one; empty when none could be told
     * @param rule     the rule's name, or null
     * @param what     the subject of the message ("规则 'x' " or "领域代码 ")
     * @param detail   how often it fired, for a time limit
     */
    private record Blame(List<DomainModule> culprits, String rule, String what, String detail, String function) {
        Blame(List<DomainModule> culprits, String rule, String what, String detail) {
            this(culprits, rule, what, detail, null);
        }

        /** The rule's (or DRL function's) file and line in its domain bundle, when known. */
        RuleProblem where() {
            if (culprits.isEmpty()) {
                return NOWHERE;
            }
            return rule != null ? culprits.get(0).problemAt(rule, "")
                    : function != null ? culprits.get(0).functionProblemAt(function, "") : NOWHERE;
        }
    }

    private static final RuleProblem NOWHERE = new RuleProblem("", -1, "");

    private static Blame nobody(String what) {
        return new Blame(List.of(), null, what, "");
    }

    private static Blame ofRule(Rule rule, RuleSet rules) {
        DomainModule owner = rules.ownerOf(rule.getPackageName(), rule.getName());
        return new Blame(owner == null ? List.of() : List.of(owner), rule.getName(), "规则 '" + rule.getName() + "' ", "");
    }

    private static Blame constraint(ConstraintEvaluationException c, RuleSet rules) {
        Set<DomainModule> owners = new LinkedHashSet<>();
        String first = null;
        Matcher m = CONSTRAINT_RULE.matcher(String.valueOf(c.getMessage()));
        while (m.find()) {
            String name = m.group(1).replace("\\\"", "\"");
            first = first == null ? name : first;
            owners.addAll(rules.ownersOfRuleNamed(name));
        }
        if (owners.isEmpty()) {
            return null;
        }
        return new Blame(List.copyOf(owners), first, "规则 '" + first + "' 的条件", "");
    }

    /** The first frame of a class in a rule package: a DRL function, or a consequence. */
    private static Blame ofStack(StackTraceElement[] stack, RuleSet rules) {
        for (StackTraceElement frame : stack) {
            String cls = frame.getClassName();
            int dot = cls.lastIndexOf('.');
            if (dot > 0) {
                List<DomainModule> owners = rules.ownersOfPackage(cls.substring(0, dot));
                if (!owners.isEmpty()) {
                    // a DRL function compiles to a static method of its name in a class of the rule package
                    return new Blame(owners, null, "领域代码 " + cls + "." + frame.getMethodName() + " ", "",
                            frame.getMethodName());
                }
            }
        }
        return nobody("评估");
    }

    private static StackTraceElement[] stackOf(Throwable e) {
        List<StackTraceElement> all = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.addAll(List.of(t.getStackTrace()));
        }
        return all.toArray(new StackTraceElement[0]);
    }

    /** Still running after the halt: the consequence in progress, or else a rule package on the thread's stack. */
    private static Blame running(RuleWatch watch, RuleSet rules, StackTraceElement[] stack) {
        Rule current = watch.current();
        if (current != null) {
            Blame b = ofRule(current, rules);
            if (!b.culprits.isEmpty()) {
                return b;
            }
        }
        return ofStack(stack, rules);
    }

    /** The domain whose rules fired most, with its busiest rule. */
    private static Blame busiest(RuleWatch watch, RuleSet rules) {
        Map<DomainModule, long[]> byModule = new HashMap<>();
        Map<DomainModule, Rule> topRule = new HashMap<>();
        Map<Rule, Long> firings = watch.firings();
        firings.forEach((rule, n) -> {
            DomainModule owner = rules.ownerOf(rule.getPackageName(), rule.getName());
            if (owner != null) {
                byModule.computeIfAbsent(owner, m -> new long[1])[0] += n;
                Rule top = topRule.get(owner);
                if (top == null || firings.get(top) < n) {
                    topRule.put(owner, rule);
                }
            }
        });
        DomainModule worst = null;
        for (Map.Entry<DomainModule, long[]> e : byModule.entrySet()) {
            if (worst == null || e.getValue()[0] > byModule.get(worst)[0]) {
                worst = e.getKey();
            }
        }
        if (worst == null) {
            return nobody("评估");
        }
        Rule top = topRule.get(worst);
        return new Blame(List.of(worst), top.getName(), "规则 '" + top.getName() + "' ",
                "共触发 " + byModule.get(worst)[0] + " 次，其中规则 '" + top.getName() + "' " + firings.get(top) + " 次");
    }

    void close() {
        pool.shutdownNow();
    }
}
