package org.lvyue.core.internal;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lvyue.api.audit.AuditCount;
import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.audit.AuditLog;
import org.lvyue.api.audit.AuditQuery;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.FactIntake;
import org.lvyue.api.service.ImportCheck;
import org.lvyue.api.service.IngestResult;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.spi.Obligation;
import org.lvyue.api.store.AppendResult;
import org.lvyue.api.store.ComplianceStore;
import org.lvyue.api.store.ConflictingFactException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records coming in: a batch of facts (JSON or an engineers' sheet) or of audit-log entries is validated
 * against the active domains' fact kinds, then, under the contract's lock, stored all or nothing, handed to
 * the engine and the contract's findings recorded ({@link Reevaluator}); or only checked. Also reads the
 * audit log back, as {@link AuditLog} asks.
 *
 * <p>Crash safety: what is acknowledged is on disk. A batch is answered only after the store committed
 * it; an evaluation that fails afterwards is reported beside the stored facts, never as a refusal.
 */
@Component(service = {FactIntake.class, AuditLog.class})
public final class Intake implements FactIntake, AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

    private final ComplianceStore store;
    private final ComplianceEngine engine;
    private final Contracts contracts;
    private final Reevaluator reevaluator;
    private final LockOrder locks;
    private final BusinessClock days;
    private final FactValidator validator;

    @Activate
    public Intake(@Reference ComplianceStore store, @Reference ComplianceEngine engine, @Reference Contracts contracts,
                  @Reference Reevaluator reevaluator, @Reference LockOrder locks, @Reference BusinessClock days) {
        this.store = store;
        this.engine = engine;
        this.contracts = contracts;
        this.reevaluator = reevaluator;
        this.locks = locks;
        this.days = days;
        this.validator = new FactValidator(engine::factKind, domain -> engine.catalogues().stream()
                .anyMatch(c -> c.domain().equals(domain) && c.everyContract()));
    }

    @Override
    public IngestResult ingest(String contractId, List<Map<String, Object>> raw, String user) {
        Contract contract = contracts.contract(contractId);
        List<Fact> facts = validator.validate(contract, raw, user, days.today(), days.latest());
        return locks.underContract(contractId, () -> {
            AppendResult appended = store.appendFacts(contractId, facts, user);
            if (!appended.stored().isEmpty()) {
                engine.addFacts(contractId, appended.stored());
            }
            // The facts are on disk and acknowledged from here on: a failing evaluation (a rule that
            // throws, a calendar year missing) is reported beside them, never as a refusal.
            try {
                Reevaluator.Recorded r = reevaluator.evaluateAndRecord(contractId);
                return new IngestResult(appended.batchId(), raw.size(), appended.stored().size(), appended.duplicates(),
                        r.changes().opened(), r.changes().resolved(), r.changes().open(), r.evaluation().ruleSetVersion(),
                        null);
            } catch (RuntimeException e) {
                String why = reevaluator.failed(contractId, e);
                LOG.error("Contract {}: batch {} stored, but its evaluation failed", contractId, appended.batchId(), e);
                return new IngestResult(appended.batchId(), raw.size(), appended.stored().size(), appended.duplicates(),
                        0, 0, -1, engine.ruleSetVersion(), "评估失败（事实已保存）：" + why);
            }
        });
    }

    @Override
    public IngestResult ingestCsv(String contractId, String format, Reader csv, String user) {
        Contract c = contracts.contract(contractId);
        CsvFacts.Sheet sheet = CsvFacts.read(CsvFacts.Format.of(format), csv, id -> obligation(c, id));
        try {
            return ingest(contractId, sheet.facts(), user);
        } catch (InvalidInputException e) {
            List<FactProblem> atLines = e.problems().stream().map(p -> new FactProblem(
                    p.index() < 0 ? -1 : sheet.lines().get(p.index()).intValue(), p.field(), p.reason())).toList();
            throw new InvalidInputException(e.getMessage() + "（index 为 CSV 行号）", atLines);
        } catch (ConflictingFactException e) {
            throw new ConflictingFactException(e.indexes().stream().map(i -> sheet.lines().get(i).intValue()).toList(), e.ids());
        }
    }

    @Override
    public ImportCheck checkFacts(String contractId, List<Map<String, Object>> raw, String user) {
        Contract c = contracts.contract(contractId);
        return ImportChecks.of(raw.size(), validator.check(c, raw, user, days.today(), days.latest()), List.of(), i -> i,
                ids -> store.factsWithIds(contractId, ids));
    }

    @Override
    public ImportCheck checkCsv(String contractId, String format, Reader csv, String user) {
        Contract c = contracts.contract(contractId);
        CsvFacts.Parsed parsed = CsvFacts.parse(CsvFacts.Format.of(format), csv, id -> obligation(c, id));
        List<FactProblem> early = new ArrayList<>(parsed.problems());
        if (parsed.rows() == 0) {
            early.add(new FactProblem(-1, "$", "没有数据行：至少需要一行数据"));
        }
        if (parsed.problems().stream().anyMatch(p -> p.index() == 1)) {
            // line 1 is the header: with a column refused, no row is read
            return new ImportCheck(parsed.rows(), 0, parsed.rows(), 0, early);
        }
        List<Long> lines = parsed.sheet().lines();
        return ImportChecks.of(parsed.rows(), validator.check(c, parsed.sheet().facts(), user, days.today(), days.latest()),
                early, i -> lines.get(i).intValue(), ids -> store.factsWithIds(contractId, ids));
    }

    /** An obligation held against the contract, by id: a sheet names the obligation its rows are evidence of. */
    private Optional<Obligation> obligation(Contract contract, String id) {
        return engine.catalogues(contract).stream().flatMap(k -> k.obligations().stream()).filter(o -> o.id().equals(id))
                .findFirst();
    }

    // ---------------------------------------------------------------- the audit log

    @Override
    public int append(String contractId, List<Map<String, Object>> raw, String user) {
        Contract c = contracts.contract(contractId);
        List<AuditEvent> events = AuditIntake.read(raw,
                c.periodStart().minusDays(FactValidator.DAYS_BEFORE_PERIOD).atStartOfDay(), days.latest());
        return locks.underContract(contractId, () -> {
            int stored = store.appendAuditEvents(contractId, events);
            engine.addAuditEvents(contractId, events);
            try {
                reevaluator.evaluateAndRecord(contractId);
            } catch (RuntimeException e) {
                reevaluator.failed(contractId, e);
                LOG.error("Contract {}: {} audit entries stored, but the evaluation failed", contractId, stored, e);
            }
            return stored;
        });
    }

    @Override
    public List<AuditEvent> query(String contractId, AuditQuery query) {
        contracts.contract(contractId);
        return store.auditEvents(contractId, query);
    }

    @Override
    public long count(String contractId, AuditQuery query) {
        contracts.contract(contractId);
        return store.auditEventCount(contractId, query);
    }

    @Override
    public List<AuditCount> countBy(String contractId, AuditQuery query, GroupBy by, int limit) {
        contracts.contract(contractId);
        return store.auditEventCounts(contractId, query, by, limit);
    }
}
