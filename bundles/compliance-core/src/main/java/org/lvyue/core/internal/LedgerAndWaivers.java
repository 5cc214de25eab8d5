package org.lvyue.core.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.ledger.Ledger;
import org.lvyue.api.service.Accounts;
import org.lvyue.api.service.ConflictException;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.service.NotFoundException;
import org.lvyue.api.service.WhatIf;
import org.lvyue.api.store.ComplianceStore;
import org.lvyue.api.waiver.Waiver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The money and what is forgiven: the ledger of a day (every amount owed either way, with the waivers in
 * force), the same with facts that are not stored (what-if), and the waivers of findings and amounts,
 * granted under the contract's lock so that two requests cannot both waive the same key.
 */
@Component(service = Accounts.class)
public final class LedgerAndWaivers implements Accounts {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerAndWaivers.class);

    private final ComplianceStore store;
    private final ComplianceEngine engine;
    private final Contracts contracts;
    private final LockOrder locks;
    private final BusinessClock days;
    private final FactValidator validator;
    private final Reevaluator reevaluator;

    @Activate
    public LedgerAndWaivers(@Reference ComplianceStore store, @Reference ComplianceEngine engine,
                            @Reference Contracts contracts, @Reference LockOrder locks, @Reference BusinessClock days,
                            @Reference Reevaluator reevaluator) {
        this.reevaluator = reevaluator;
        this.store = store;
        this.engine = engine;
        this.contracts = contracts;
        this.locks = locks;
        this.days = days;
        this.validator = new FactValidator(engine::factKind, domain -> engine.catalogues().stream()
                .anyMatch(c -> c.domain().equals(domain) && c.everyContract()));
    }

    private Evaluation evaluate(String contractId, LocalDate asOf) {
        return engine.evaluate(contractId, asOf, days.evaluationClock(asOf));
    }

    @Override
    public Ledger ledger(String contractId, LocalDate asOf) {
        Contract c = contracts.contract(contractId);
        Evaluation e = evaluate(contractId, asOf);
        return Ledger.of(contractId, asOf, e.ruleSetVersion(), c.interpretations(), e.ledger(), store.waivers(contractId));
    }

    @Override
    public WhatIf whatIf(String contractId, List<Map<String, Object>> raw, LocalDate asOf, String user) {
        Contract c = contracts.contract(contractId);
        List<Fact> facts = validator.validate(c, raw, user, asOf);
        // a what-if on rules the contract's findings do not stand on yet would compare two rule sets
        reevaluator.requireCurrent(contractId);
        List<Waiver> waivers = store.waivers(contractId);
        Evaluation now = evaluate(contractId, asOf);
        Evaluation then = engine.evaluateWith(contractId, facts, asOf);
        Ledger before = Ledger.of(contractId, asOf, now.ruleSetVersion(), c.interpretations(), now.ledger(), waivers);
        Ledger after = Ledger.of(contractId, asOf, then.ruleSetVersion(), c.interpretations(), then.ledger(), waivers);
        Set<String> keysBefore = new TreeSet<>();
        now.findings().forEach(f -> keysBefore.add(f.getKey()));
        Set<String> keysAfter = new TreeSet<>();
        then.findings().forEach(f -> keysAfter.add(f.getKey()));
        List<String> added = keysAfter.stream().filter(k -> !keysBefore.contains(k)).toList();
        List<String> removed = keysBefore.stream().filter(k -> !keysAfter.contains(k)).toList();
        return new WhatIf(then.findings(), after, added, removed, before.net(), after.net().subtract(before.net()));
    }

    @Override
    public Waiver waive(String contractId, Waiver.Target target, String key, String justification, LocalDate expiresOn,
                        String user) {
        contracts.contract(contractId);
        LocalDate today = days.today();
        List<FactProblem> problems = new ArrayList<>();
        if (target == null) {
            problems.add(new FactProblem(-1, "target", "必填：FINDING（发现）或 LEDGER（台账金额）"));
        }
        if (key == null || key.isBlank()) {
            problems.add(new FactProblem(-1, "key", "必填：要豁免的发现或金额的 key"));
        }
        if (justification == null || justification.isBlank()) {
            problems.add(new FactProblem(-1, "justification", "必填：豁免理由"));
        } else if (justification.length() > 2000) {
            problems.add(new FactProblem(-1, "justification", "豁免理由最长 2000 个字符"));
        } else if (Texts.problem(justification) != null) {
            problems.add(new FactProblem(-1, "justification", Texts.problem(justification)));
        }
        if (key != null && key.length() > 1000) {
            problems.add(new FactProblem(-1, "key", "最长 1000 个字符"));
        }
        if (expiresOn != null && expiresOn.isBefore(today)) {
            problems.add(new FactProblem(-1, "expiresOn", "失效日 " + expiresOn + " 早于今天 " + today));
        }
        if (problems.isEmpty() && !exists(contractId, target, key, today)) {
            problems.add(new FactProblem(-1, "key", (target == Waiver.Target.FINDING ? "没有这条发现：" : "台账中没有这笔金额：") + key));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("豁免请求有 " + problems.size() + " 处错误，未保存", problems);
        }
        return locks.underContract(contractId, () -> {
            for (Waiver w : store.waivers(contractId)) {
                if (w.target() == target && w.key().equals(key) && w.activeOn(days.today())) {
                    throw new ConflictException("该" + (target == Waiver.Target.FINDING ? "发现" : "金额") + "已有生效的豁免（编号 "
                            + w.id() + "，" + w.createdBy() + "）；如需修改请先撤回");
                }
            }
            Waiver w = store.addWaiver(contractId, target, key, justification.trim(), expiresOn, user, Instant.now());
            LOG.info("{} waived {} {} of contract {}: {}", user, target, key, contractId, justification);
            return w;
        });
    }

    /** Whether the finding is recorded, or the amount is in today's ledger. */
    private boolean exists(String contractId, Waiver.Target target, String key, LocalDate today) {
        if (target == Waiver.Target.LEDGER) {
            return evaluate(contractId, today).ledger().stream().anyMatch(e -> e.getKey().equals(key));
        }
        return store.findings(contractId, FindingQuery.all(), today).stream().anyMatch(r -> r.finding().getKey().equals(key));
    }

    @Override
    public Waiver withdrawWaiver(String contractId, long waiverId, String reason, String user) {
        contracts.contract(contractId);
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("撤回豁免须说明理由", List.of(new FactProblem(-1, "reason", "必填：撤回理由")));
        }
        String bad = reason.length() > 2000 ? "撤回理由最长 2000 个字符" : Texts.problem(reason);
        if (bad != null) {
            throw new InvalidInputException("撤回理由有误，未撤回", List.of(new FactProblem(-1, "reason", bad)));
        }
        try {
            return store.withdrawWaiver(contractId, waiverId, user, reason.trim(), Instant.now())
                    .orElseThrow(() -> new NotFoundException("合同 '" + contractId + "' 没有编号为 " + waiverId + " 的豁免"));
        } catch (IllegalStateException e) {
            throw new ConflictException("豁免 " + waiverId + " 已被撤回");
        }
    }

    @Override
    public List<Waiver> waivers(String contractId) {
        contracts.contract(contractId);
        return store.waivers(contractId);
    }
}
