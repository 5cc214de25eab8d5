package org.lvyue.testing;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lvyue.api.checklist.CheckEntry;
import org.lvyue.api.checklist.Checklist;
import org.lvyue.api.checklist.Checklists;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.IngestResult;
import org.lvyue.api.service.InvalidInputException;

/**
 * The checklists a test sets per contract and day ({@link #put}); a day without one is refused as outside the contract,
 * as the real room refuses it. Recording is not faked: the core's test records against the real store.
 */
public class FakeChecklists implements Checklists {
    private final Contracts contracts;
    private final Map<String, Checklist> lists = new HashMap<>();

    public FakeChecklists(Contracts contracts) {
        this.contracts = contracts;
    }

    public FakeChecklists put(Checklist list) {
        lists.put(list.contractId() + "@" + list.day(), list);
        return this;
    }

    @Override
    public Checklist checklist(String contractId, LocalDate day) {
        contracts.contract(contractId);
        Checklist list = lists.get(contractId + "@" + day);
        if (list == null) {
            throw new InvalidInputException("日期 " + day + " 不在合同服务期内",
                    List.of(new FactProblem(-1, "day", "日期 " + day + " 不在合同服务期内 (outside the contract's service period)")));
        }
        return list;
    }

    @Override
    public IngestResult record(String contractId, LocalDate day, String engineer, List<CheckEntry> entries) {
        throw Unused.because("record", "recording is tested on the real store (DailyChecklistsTest)");
    }
}
