package org.lvyue.core.internal;

import java.util.List;
import java.util.TreeSet;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.LintItem;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.spi.Obligation;

/**
 * The clauses the contract's obligations cite whose words the definition does not carry: the finding page, the
 * lint and the reports can then show only the clause id. A definition without any clause text is one item
 * ({@value #NO_TEXTS}); otherwise each cited clause of the contract's own documents without a text is named
 * ({@value #MISSING}). Standards cited beside the contract (GB/T ...) need no text.
 */
final class ClauseLint {
    static final String NO_TEXTS = "clause-texts-missing";
    static final String MISSING = "clause-text-missing";
    private static final int NAMED = 30;

    private ClauseLint() {
    }

    static List<LintItem> check(Contract c, ClauseTexts texts, List<DomainCatalogue> catalogues) {
        if (texts.size() == 0) {
            return List.of(new LintItem(NO_TEXTS, Severity.MEDIUM, List.of(), List.of(ClauseTexts.FIELD), "合同定义未载明条款原文",
                    "违约事项只能列出条款编号，不能给出合同原文；请上传合同文本（PUT …/clauses，纯文本按编号拆分，或 JSON）。"));
        }
        TreeSet<String> missing = new TreeSet<>();
        for (DomainCatalogue catalogue : catalogues) {
            if (!catalogue.appliesTo(c)) {
                continue;
            }
            for (Obligation o : catalogue.obligations()) {
                for (String part : o.clause() == null ? new String[0] : o.clause().split("[;；]")) {
                    if (ClauseTexts.citesTheContract(part) && texts.text(part).isEmpty()) {
                        missing.add(part.strip());
                    }
                }
            }
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        List<String> named = missing.stream().limit(NAMED).toList();
        return List.of(new LintItem(MISSING, Severity.LOW, named, List.of(ClauseTexts.FIELD),
                missing.size() + " 个被义务引用的条款没有原文",
                "这些条款的违约事项只显示条款编号：" + String.join("、", named) + (missing.size() > NAMED ? " 等" : "") + "。"));
    }
}
