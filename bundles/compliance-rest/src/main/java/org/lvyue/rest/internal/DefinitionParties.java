package org.lvyue.rest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.ws.rs.ForbiddenException;

import com.fasterxml.jackson.databind.JsonNode;

import org.lvyue.api.access.Membership;
import org.lvyue.api.access.Parties;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.InvalidInputException;

/**
 * What a posted contract definition must satisfy about its parties before it is stored: every
 * organisation it names exists (else 400 naming the field, {@code client.organisation}), and a caller who
 * is not the operator is an admin of one of them and, when it replaces a contract, an admin of that one.
 */
final class DefinitionParties {
    static final List<String> PARTIES = List.of("client", "supplier", "evaluator");

    private DefinitionParties() {
    }

    static void check(JsonNode definition, Parties parties, Contracts contracts, PartyScopeFilter.Scoped scope) {
        List<FactProblem> problems = new ArrayList<>();
        Set<String> named = new TreeSet<>();
        for (String party : PARTIES) {
            JsonNode o = definition.path(party).path("organisation");
            if (o.isTextual()) {
                named.add(o.textValue());
                if (parties.organisation(o.textValue()).isEmpty()) {
                    problems.add(new FactProblem(-1, party + ".organisation",
                            "机构 '" + o.textValue() + "' 不存在，请先由平台运营方创建该机构"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("合同定义有误，未保存：" + problems.get(0).field() + "：" + problems.get(0).reason(),
                    problems);
        }
        Caller caller = scope.caller();
        if (caller.operator()) {
            return;
        }
        boolean adminOfNamed = scope.memberships().stream()
                .anyMatch(m -> m.role().equals(Membership.ADMIN) && named.contains(m.organisation()));
        if (!adminOfNamed) {
            throw new ForbiddenException(ApiError.response(403, "not-a-party-admin",
                    "只能定义本机构参与的合同：合同的甲方、乙方或评估方须有一方是你担任管理员的机构",
                    "Only an admin of one of the contract's organisations may define it"));
        }
        String id = definition.path("id").asText("");
        for (Contract existing : contracts.contracts()) {
            if (existing.id().equals(id) && !scope.rolesOn(existing).contains(Roles.ADMIN)) {
                throw new ForbiddenException(ApiError.response(403, "contract-id-unavailable",
                        "合同编号 '" + id + "' 不可用：只有该合同的管理员可以提交新版本",
                        "The contract id is not available to you"));
            }
        }
    }
}
