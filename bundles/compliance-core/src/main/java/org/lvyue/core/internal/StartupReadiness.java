package org.lvyue.core.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.Readiness;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the node is ready after its start: the engine's rule set is the one built from the domain bundles
 * present at start, and every contract's findings were evaluated on it (or its evaluation failed, which its
 * own status says). Once ready it stays ready: later rule changes re-evaluate contracts as normal work, and
 * a report waits for its own contract ({@link Reevaluator#requireCurrent}). Also says what runs after
 * readiness in the background (the verification of the evidence chains).
 */
@Component(service = {Readiness.class, StartupReadiness.class})
public final class StartupReadiness implements Readiness {
    private static final Logger LOG = LoggerFactory.getLogger(StartupReadiness.class);
    private static final int NAMED = 5;

    private final ComplianceEngine engine;
    private final Contracts contracts;
    private final Reevaluator reevaluator;
    private final long created = System.nanoTime();
    private volatile boolean ready;
    private final Map<String, String> background = new ConcurrentHashMap<>();

    @Activate
    public StartupReadiness(@Reference ComplianceEngine engine, @Reference Contracts contracts,
                            @Reference Reevaluator reevaluator) {
        this.engine = engine;
        this.contracts = contracts;
        this.reevaluator = reevaluator;
    }

    @Override
    public List<String> preparing() {
        if (ready) {
            return List.of();
        }
        List<String> out = new ArrayList<>(engine.preparing());
        if (out.isEmpty()) {
            List<String> behind = reevaluator.notCurrent(contracts.served().stream().map(Contract::id)
                    .filter(id -> !reevaluator.failedLast(id)).toList());
            if (!behind.isEmpty()) {
                String named = String.join(", ", behind.subList(0, Math.min(NAMED, behind.size())))
                        + (behind.size() > NAMED ? ", …" : "");
                out.add("合同违约事项：" + behind.size() + " 个合同尚未按最终规则集 v" + engine.ruleSetVersion() + " 评估（" + named
                        + "）(contracts whose findings are not yet evaluated on the final rule set: " + behind.size() + ")");
            }
        }
        if (out.isEmpty()) {
            synchronized (this) {
                if (!ready) {
                    ready = true;
                    LOG.info("Ready: rule set v{}, the findings of {} contract(s) stand on it, {} ms after the core started",
                            engine.ruleSetVersion(), contracts.served().size(), (System.nanoTime() - created) / 1_000_000);
                }
            }
        }
        return out;
    }

    @Override
    public List<String> background() {
        return background.values().stream().sorted().toList();
    }

    /** Says (or, with null, no longer says) what a background task is doing. */
    void background(String task, String line) {
        if (line == null) {
            background.remove(task);
        } else {
            background.put(task, line);
        }
    }

    /** Returns once the node is ready; woken by every recorded evaluation and rule-set change. */
    void awaitReady() throws InterruptedException {
        while (!preparing().isEmpty()) {
            reevaluator.awaitProgress(Duration.ofSeconds(1));
        }
    }
}
