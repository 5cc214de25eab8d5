package org.lvyue.core.internal;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.integrity.EvidenceChain;
import org.lvyue.api.integrity.IntegrityReport;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.EvidenceIntegrity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an eye on the contracts' evidence chains: verifies every chain in the background at start
 * (if configured), one on demand, and records the digests of an issued report in its contract's chain.
 * Every verification is logged: intact with its head, or broken with its first problems.
 */
// immediate: the verification at start runs whether or not anyone asks for a report yet
@Component(service = EvidenceIntegrity.class, configurationPid = "org.lvyue.core", immediate = true)
public final class IntegrityChecker implements EvidenceIntegrity {
    private static final Logger LOG = LoggerFactory.getLogger(IntegrityChecker.class);

    private final EvidenceChain evidence;
    private final Contracts contracts;

    private static final String TASK = "integrity";

    @Activate
    public IntegrityChecker(@Reference EvidenceChain evidence, @Reference Contracts contracts,
                            @Reference StartupReadiness readiness, CoreConfig config) {
        this.evidence = evidence;
        this.contracts = contracts;
        if (config.verifyIntegrityAtStart()) {
            verifyAtStart(contracts.served().stream().map(Contract::id).toList(), readiness);
        }
    }

    /**
     * Verifies every contract's evidence chain in the background: a year's chain takes a minute to
     * read and the product answers meanwhile. It starts once the node is ready, on a thread of the
     * lowest priority, so that it takes nothing from the start itself (the rule set, the contracts'
     * first evaluations) and yields to requests. The outcome is logged and served with the contract.
     */
    private void verifyAtStart(List<String> ids, StartupReadiness readiness) {
        readiness.background(TASK, "证据链校验：等待节点就绪后开始，共 " + ids.size() + " 个合同 (evidence chains: verified once the node"
                + " is ready, " + ids.size() + " contracts)");
        Thread t = new Thread(() -> {
            try {
                readiness.awaitReady();
                int done = 0;
                for (String id : ids) {
                    readiness.background(TASK, "证据链校验：正在校验 " + (done + 1) + "/" + ids.size() + "（" + id
                            + "）(evidence chains: verifying " + (done + 1) + " of " + ids.size() + ")");
                    try {
                        log(evidence.verify(id));
                    } catch (RuntimeException e) {
                        LOG.error("Contract {}: the evidence chain could not be verified at start: {}", id, e.getMessage());
                    }
                    done++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                readiness.background(TASK, null);
            }
        }, "lvyue-integrity");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void log(IntegrityReport r) {
        if (r.intact()) {
            LOG.info("Contract {}: evidence chain intact, {} entries, head {}:{} ({}), {} rows verified in {} ms",
                    r.contractId(), r.entries(), r.headPosition(), r.headHash(), String.join("+", r.algorithms()),
                    r.rowsCovered().values().stream().mapToLong(Long::longValue).sum(), r.took().toMillis());
        } else {
            LOG.error("Contract {}: evidence chain BROKEN, {} problem(s); first: {}", r.contractId(), r.problemCount(),
                    r.problems().stream().limit(5).map(p -> "@" + p.position() + " " + p.table() + " " + p.key() + ": "
                            + p.message()).collect(Collectors.joining("; ")));
        }
    }

    @Override
    public IntegrityReport verifyIntegrity(String contractId) {
        contracts.contract(contractId);
        IntegrityReport r = evidence.verify(contractId);
        log(r);
        return r;
    }

    @Override
    public Optional<IntegrityReport> lastIntegrity(String contractId) {
        return evidence.lastVerification(contractId);
    }

    @Override
    public long recordIssuedReport(String contractId, String reportId, String pdfSha256, String factsDigest) {
        contracts.contract(contractId);
        return evidence.recordReport(contractId, reportId, pdfSha256, factsDigest);
    }
}
