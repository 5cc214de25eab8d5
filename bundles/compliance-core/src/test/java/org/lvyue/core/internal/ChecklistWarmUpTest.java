package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.checklist.Checklist;
import org.lvyue.api.contract.Contract;
import org.lvyue.testing.FakeChecklists;
import org.lvyue.testing.FakeContracts;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChecklistWarmUpTest {
    /** The bundled demo contracts: both of the 2022 service year. */
    private static final List<Contract> DEMOS = ContractDefinitionReader.demoDefinitions().stream()
            .map(ContractDefinitionReader::read).toList();

    @Test
    void once_ready_it_opens_each_contracts_checklist_of_today_or_of_the_last_day_of_an_ended_period() throws Exception {
        LocalDate today = LocalDate.of(2023, 3, 1);   // the demo's day: both contracts ended on 2022-12-31
        FakeContracts contracts = new FakeContracts(today, DEMOS.toArray(Contract[]::new));
        List<String> opened = Collections.synchronizedList(new ArrayList<>());
        FakeChecklists checklists = new FakeChecklists(contracts) {
            @Override
            public Checklist checklist(String contractId, LocalDate day) {
                opened.add(contractId + "@" + day);
                return new Checklist(contractId, day, List.of());
            }
        };
        CountDownLatch ready = new CountDownLatch(1);

        ChecklistWarmUp warmUp = new ChecklistWarmUp(contracts, checklists, () -> today, ready::await);
        assertEquals(List.of(), opened, "nothing before the node is ready");
        ready.countDown();
        warmUp.join();

        assertEquals(DEMOS.stream().map(c -> c.id() + "@2022-12-31").sorted().toList(), opened.stream().sorted().toList());
    }

    @Test
    void the_day_is_today_within_the_period_and_none_before_it() {
        Contract c = DEMOS.get(0);
        assertEquals(LocalDate.of(2022, 6, 15), ChecklistWarmUp.dayOf(c, LocalDate.of(2022, 6, 15)));
        assertEquals(c.periodEnd(), ChecklistWarmUp.dayOf(c, c.periodEnd().plusDays(1)));
        assertNull(ChecklistWarmUp.dayOf(c, c.periodStart().minusDays(1)));
    }
}
