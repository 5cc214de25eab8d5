package org.lvyue.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import org.lvyue.api.contract.LintItem;
import org.lvyue.api.finding.Severity;

/**
 * What a renewed contract (续签) changed from the contract it renews: each field whose value differs
 * ({@value #CHANGED}), what was carried over unchanged ({@value #CARRIED}), and the texts carried over that
 * still name the old contract's year ({@value #OLD_YEAR}), for the administrator to read before signing.
 */
final class RenewalLint {
    static final String CHANGED = "renewal-changed";
    static final String CARRIED = "renewal-carried-over";
    static final String OLD_YEAR = "renewal-mentions-previous-year";
    static final String PREVIOUS_MISSING = "renewal-previous-missing";
    private static final List<String> NOT_COMPARED = List.of("version", ContractRenewal.RENEWED_FROM, ClauseTexts.FIELD);

    private RenewalLint() {
    }

    /** The renewal's items, or none when the definition renews no contract; {@code previous} null when it is gone. */
    static List<LintItem> check(JsonNode definition, JsonNode previous) {
        String from = definition.path(ContractRenewal.RENEWED_FROM).asText(null);
        if (from == null) {
            return List.of();
        }
        List<LintItem> items = new ArrayList<>();
        if (previous == null) {
            items.add(new LintItem(PREVIOUS_MISSING, Severity.LOW, List.of(), List.of(ContractRenewal.RENEWED_FROM),
                    "所续签的合同 " + from + " 已不存在", "无法列出续签变更。"));
            return items;
        }
        Map<String, String> before = flatten(previous);
        Map<String, String> after = flatten(definition);
        int same = 0;
        for (String field : union(before, after)) {
            String was = before.get(field);
            String is = after.get(field);
            if (Objects.equals(was, is)) {
                same++;
                continue;
            }
            items.add(new LintItem(CHANGED, Severity.INFO, List.of(), List.of(field), "续签变更：" + field,
                    (was == null ? "（原合同无）" : was) + " → " + (is == null ? "（删除）" : is)));
        }
        ClauseTexts oldTexts = ClauseTexts.of(previous);
        ClauseTexts newTexts = ClauseTexts.of(definition);
        int changedTexts = 0;
        for (String id : newTexts.ids()) {
            if (!newTexts.exact(id).equals(oldTexts.exact(id))) {
                changedTexts++;
            }
        }
        long removedTexts = oldTexts.ids().stream().filter(id -> newTexts.exact(id).isEmpty()).count();
        if (changedTexts > 0 || removedTexts > 0) {
            items.add(new LintItem(CHANGED, Severity.INFO, List.of(), List.of(ClauseTexts.FIELD), "续签变更：条款原文",
                    "新增或改动 " + changedTexts + " 条，删除 " + removedTexts + " 条（共 " + newTexts.ids().size() + " 条）"));
        }
        items.add(new LintItem(CARRIED, Severity.INFO, List.of(), List.of(), "续签自合同 " + from,
                "沿用原合同的 " + same + " 个字段（当事人、服务及参数、一般条款数值、解释选择及理由等），条款原文 "
                        + (newTexts.ids().size() - changedTexts) + " 条未变。"));
        String oldYear = previous.path("periodStart").asText("0000").substring(0, 4);
        List<String> stale = after.entrySet().stream()
                .filter(e -> e.getValue().contains(oldYear) && e.getValue().equals(before.get(e.getKey())))
                .map(Map.Entry::getKey).toList();
        if (!stale.isEmpty()) {
            items.add(new LintItem(OLD_YEAR, Severity.LOW, List.of(), stale, "沿用的文字仍写着 " + oldYear + " 年",
                    "以下字段原样沿用，仍提到 " + oldYear + " 年，请核对新合同的约定：" + String.join("、", stale)));
        }
        return items;
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        Map<String, Boolean> keys = new LinkedHashMap<>();
        a.keySet().forEach(k -> keys.put(k, true));
        b.keySet().forEach(k -> keys.put(k, true));
        return new ArrayList<>(keys.keySet());
    }

    /** Every value of the definition but those not compared, by its path ({@code terms.payment.dueBy}). */
    private static Map<String, String> flatten(JsonNode definition) {
        Map<String, String> out = new LinkedHashMap<>();
        definition.fields().forEachRemaining(e -> {
            if (!NOT_COMPARED.contains(e.getKey())) {
                flatten(e.getKey(), e.getValue(), out);
            }
        });
        return out;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(path + "." + e.getKey(), e.getValue(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), out);
            }
        } else if (!node.isNull()) {
            out.put(path, node.asText());
        }
    }
}
