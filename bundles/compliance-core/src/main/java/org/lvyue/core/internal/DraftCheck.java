package org.lvyue.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.DraftLint;
import org.lvyue.api.contract.LintItem;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.InvalidInputException;

/**
 * A definition checked before it is stored, for a form that shows what saving would meet: the problems that
 * would refuse it (the reader's, a service period or a signing the calendar does not cover, the services' and a
 * version not raised above the stored one) and the lint the stored definition would have. It stores and loads nothing.
 */
final class DraftCheck {
    private final WorkingCalendar calendar;
    private final ContractServices services;

    DraftCheck(WorkingCalendar calendar, ContractServices services) {
        this.calendar = calendar;
        this.services = services;
    }

    /** @param stored the contract held under an id, if any */
    DraftLint check(String definitionJson, Function<String, Optional<Contract>> stored) {
        Contract draft;
        try {
            draft = ContractDefinitionReader.readSubmitted(definitionJson);
        } catch (InvalidInputException e) {
            return new DraftLint(e.problems(), List.of());
        }
        List<FactProblem> problems = new ArrayList<>();
        List<LintItem> items = new ArrayList<>(new ContractLint(calendar).check(draft));
        // defining refuses a period the calendar does not cover; the lint item says which year is missing
        items.stream().filter(i -> i.code().equals("calendar-year-missing"))
                .forEach(i -> problems.add(new FactProblem(-1, "periodEnd", i.title() + "：" + i.detail())));
        // as defining refuses it: deadlines counted from the signing need its year in the calendar
        if (draft.signedOn() != null && !calendar.years().contains(draft.signedOn().getYear())) {
            problems.add(new FactProblem(-1, "signedOn", "签订日须在工作日历范围内；现有年份：" + calendar.years()));
        }
        List<FactProblem> serviceProblems = services.problems(draft);
        problems.addAll(serviceProblems);
        items.addAll(ServiceLint.check(draft, services.statuses(draft), serviceProblems));
        stored.apply(draft.id()).filter(held -> held.version() >= draft.version()).ifPresent(held -> problems.add(
                new FactProblem(-1, "version", "合同 '" + draft.id() + "' 已有版本 " + held.version()
                        + "；保存须使用更高的版本号（草稿为 " + draft.version() + "）")));
        return new DraftLint(problems, items);
    }
}
