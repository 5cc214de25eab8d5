package org.lvyue.core.internal;

import java.util.ArrayList;
import java.util.List;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.LintItem;
import org.lvyue.api.contract.ServiceStatus;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.finding.Severity;

/**
 * What the lint says of a contract's services: which it buys that do not run for it (so that a quiet service is
 * never read as a compliant one), overrides that no longer fit the running catalogue, and a definition that does
 * not say which services it buys.
 */
final class ServiceLint {
    private ServiceLint() {
    }

    static List<LintItem> check(Contract c, List<ServiceStatus> statuses, List<FactProblem> problems) {
        List<LintItem> items = new ArrayList<>();
        if (c.services().isEmpty()) {
            items.add(new LintItem("services-not-declared", Severity.MEDIUM, List.of("附件二"), List.of("services"),
                    "合同定义未列明所购服务：全部 " + statuses.size() + " 个服务领域都适用",
                    "未列明所购服务的合同按产品已有的每个服务领域检查，未购买的服务也会产生违约事项。请在 services 中列出合同附件二所购的服务领域。"));
            return items;
        }
        for (ServiceStatus s : statuses) {
            if (!s.running()) {
                items.add(new LintItem("service-not-running", Severity.HIGH, List.of("附件二"), List.of("services." + s.domain()),
                        "所购服务「" + s.title() + "」（" + s.domain() + "）未运行：其规则不检查本合同",
                        s.reason() + "。该服务的义务在恢复运行前不产生违约事项，也不表示已履约。"));
            }
        }
        for (FactProblem p : problems) {
            items.add(new LintItem("service-override-invalid", Severity.HIGH, List.of("附件二"), List.of(p.field()),
                    "所购服务的参数与运行中的服务目录不符：" + p.field(),
                    p.reason() + "。规则按服务目录的原值检查本合同，直至合同定义改正。"));
        }
        return items;
    }
}
