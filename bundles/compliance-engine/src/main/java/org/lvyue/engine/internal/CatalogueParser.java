package org.lvyue.engine.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.lvyue.api.fact.FactKind;
import org.lvyue.api.fact.FactKind.AttributeSpec;
import org.lvyue.api.fact.FactKind.ValueType;
import org.lvyue.api.fact.PersonalKind;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.spi.AssessmentInputs;
import org.lvyue.api.spi.DashboardItems;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.Obligation;
import org.lvyue.api.spi.Obligation.DueRule;

/**
 * Reads a domain's {@code catalogue.json}. Strict: an unknown enum value, a missing field or a fact
 * kind that an obligation refers to but nobody declares refuses the whole catalogue, with the path
 * of the offending element, because a half-read catalogue would silently weaken the checks.
 */
final class CatalogueParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CatalogueParser() {
    }

    static DomainCatalogue parse(byte[] json, String expectedDomain) throws CatalogueException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new CatalogueException("不是合法的 JSON: " + e.getOriginalMessage(), line);
        } catch (IOException e) {
            throw new CatalogueException("无法读取: " + e.getMessage(), -1);
        }
        if (root == null || !root.isObject()) {
            throw new CatalogueException("顶层必须是 JSON 对象", -1);
        }
        String domain = text(root, "domain", "", true);
        if (!domain.equals(expectedDomain)) {
            throw new CatalogueException("domain: 目录中的领域 '" + domain + "' 与清单头 Compliance-Domain '"
                    + expectedDomain + "' 不一致", -1);
        }
        List<FactKind> kinds = new ArrayList<>();
        Set<String> kindNames = new HashSet<>();
        JsonNode kindsNode = array(root, "factKinds", "");
        for (int i = 0; i < kindsNode.size(); i++) {
            FactKind kind = factKind(kindsNode.get(i), "factKinds[" + i + "]", domain);
            if (!kindNames.add(kind.name())) {
                throw new CatalogueException("factKinds[" + i + "].name: 事实类型 '" + kind.name() + "' 重复", -1);
            }
            kinds.add(kind);
        }
        List<Obligation> obligations = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        JsonNode obligationsNode = array(root, "obligations", "");
        for (int i = 0; i < obligationsNode.size(); i++) {
            String at = "obligations[" + i + "]";
            Obligation o = obligation(obligationsNode.get(i), at, domain);
            if (!ids.add(o.id())) {
                throw new CatalogueException(at + ".id: 义务编号 '" + o.id() + "' 重复", -1);
            }
            if (!kindNames.contains(o.evidenceKind())) {
                throw new CatalogueException(at + ".evidenceKind: 事实类型 '" + o.evidenceKind() + "' 未在 factKinds 中声明", -1);
            }
            if (o.due().anchorKind() != null && !kindNames.contains(o.due().anchorKind())) {
                throw new CatalogueException(at + ".due.anchorKind: 事实类型 '" + o.due().anchorKind()
                        + "' 未在 factKinds 中声明", -1);
            }
            if (o.followUpKind() != null && !kindNames.contains(o.followUpKind())) {
                throw new CatalogueException(at + ".followUpKind: 事实类型 '" + o.followUpKind() + "' 未在 factKinds 中声明", -1);
            }
            checkShape(o, at);
            obligations.add(o);
        }
        Set<String> auditActions = new java.util.TreeSet<>();
        JsonNode actions = array(root, "auditActions", "");
        for (int i = 0; i < actions.size(); i++) {
            String selector = actions.get(i).asText();
            String action = selector.endsWith(DomainCatalogue.CLASSIFIED_ONLY)
                    ? selector.substring(0, selector.length() - DomainCatalogue.CLASSIFIED_ONLY.length()) : selector;
            if (!org.lvyue.api.audit.AuditEvent.ACTIONS.contains(action)) {
                throw new CatalogueException("auditActions[" + i + "]: 审计动作 '" + action + "' 不存在；可选 "
                        + new java.util.TreeSet<>(org.lvyue.api.audit.AuditEvent.ACTIONS) + "，可加后缀 "
                        + DomainCatalogue.CLASSIFIED_ONLY + " 只读涉密记录", -1);
            }
            auditActions.add(selector);
        }
        return new DomainCatalogue(domain, text(root, "title", "", true), text(root, "titleEn", "", false),
                text(root, "clause", "", true), kinds, obligations, auditActions, assessment(root, kindNames, ids),
                dashboard(root, kindNames), everyContract(root));
    }

    /** {@code "everyContract"}: true for the rules every contract is held to, whatever services it buys. */
    private static boolean everyContract(JsonNode root) throws CatalogueException {
        JsonNode n = root.get("everyContract");
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw new CatalogueException("everyContract: 应为 true 或 false", -1);
        }
        return n.booleanValue();
    }

    /** {@code "assessment"}: what the quarterly assessment reads of the domain; every kind and obligation it names declared here. */
    private static AssessmentInputs assessment(JsonNode root, Set<String> kinds, Set<String> obligations) throws CatalogueException {
        JsonNode n = root.path("assessment");
        if (n.isMissingNode() || n.isNull()) {
            return AssessmentInputs.NONE;
        }
        String verdictKind = declared(optional(n, "verdictKind"), kinds, "assessment.verdictKind", "事实类型", "factKinds");
        AssessmentInputs.Requests requests = null;
        JsonNode r = n.path("requests");
        if (!r.isMissingNode() && !r.isNull()) {
            requests = new AssessmentInputs.Requests(
                    declared(text(r, "kind", "assessment.requests", true), kinds, "assessment.requests.kind", "事实类型", "factKinds"),
                    declared(text(r, "phoneLate", "assessment.requests", true), obligations, "assessment.requests.phoneLate", "义务", "obligations"),
                    declared(text(r, "onsiteLate", "assessment.requests", true), obligations, "assessment.requests.onsiteLate", "义务", "obligations"));
        }
        return new AssessmentInputs(n.path("scored").asBoolean(true), verdictKind, requests);
    }

    /** {@code "dashboard"}: the deadlines the domain adds to the coming week's. */
    private static DashboardItems dashboard(JsonNode root, Set<String> kinds) throws CatalogueException {
        JsonNode n = root.path("dashboard");
        if (n.isMissingNode() || n.isNull()) {
            return DashboardItems.NONE;
        }
        List<DashboardItems.Expiry> expiries = new ArrayList<>();
        JsonNode list = array(n, "expiries", "dashboard");
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String at = "dashboard.expiries[" + i + "]";
            Map<String, String> titles = new LinkedHashMap<>();
            e.path("titles").fields().forEachRemaining(t -> titles.put(t.getKey(), t.getValue().asText()));
            expiries.add(new DashboardItems.Expiry(declared(text(e, "kind", at, true), kinds, at + ".kind", "事实类型", "factKinds"),
                    text(e, "until", at, true), declared(optional(e, "revokedKind"), kinds, at + ".revokedKind", "事实类型", "factKinds"),
                    text(e, "name", at, true), text(e, "deadlineKind", at, true), optional(e, "by"), titles,
                    optional(e, "counted"), optional(e, "countTitle"), optional(e, "countRef")));
        }
        return new DashboardItems(optional(n, "ownRulesDeadline"), expiries);
    }

    /** {@code name} itself, refused when the catalogue does not declare it. */
    private static String declared(String name, Set<String> declared, String at, String what, String where) throws CatalogueException {
        if (name != null && !declared.contains(name)) {
            throw new CatalogueException(at + ": " + what + " '" + name + "' 未在 " + where + " 中声明", -1);
        }
        return name;
    }

    private static FactKind factKind(JsonNode n, String at, String domain) throws CatalogueException {
        List<AttributeSpec> attributes = new ArrayList<>();
        JsonNode attrs = array(n, "attributes", at);
        for (int i = 0; i < attrs.size(); i++) {
            JsonNode a = attrs.get(i);
            String aat = at + ".attributes[" + i + "]";
            ValueType type = enumValue(ValueType.class, text(a, "type", aat, true), aat + ".type");
            attributes.add(new AttributeSpec(text(a, "name", aat, true), type, a.path("required").asBoolean(false),
                    strings(a.path("values")), personal(a, aat), confidential(a, aat, type)));
        }
        return new FactKind(text(n, "name", at, true), domain, text(n, "title", at, true),
                n.path("subjectRequired").asBoolean(false), strings(n.path("subjectValues")),
                strings(n.path("statusValues")), n.path("timeRequired").asBoolean(false),
                n.path("amountRequired").asBoolean(false), attributes);
    }

    /** {@code "personal"}: the kind of personal information an attribute holds (README "Personal information"). */
    private static PersonalKind personal(JsonNode a, String at) throws CatalogueException {
        String label = text(a, "personal", at, false);
        if (label == null) {
            return null;
        }
        PersonalKind kind = PersonalKind.of(label);
        if (kind == null) {
            List<String> allowed = new ArrayList<>();
            for (PersonalKind k : PersonalKind.values()) {
                allowed.add(k.label());
            }
            throw new CatalogueException(at + ".personal: 未知取值 '" + label + "'，应为 " + allowed, -1);
        }
        return kind;
    }

    /** {@code "confidential": true}: the store keeps the attribute encrypted; only a TEXT can be. */
    private static boolean confidential(JsonNode a, String at, ValueType type) throws CatalogueException {
        JsonNode n = a.get("confidential");
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw new CatalogueException(at + ".confidential: 应为 true 或 false", -1);
        }
        if (n.booleanValue() && type != ValueType.TEXT) {
            throw new CatalogueException(at + ".confidential: 只有 TEXT 类型的属性可以加密存储", -1);
        }
        return n.booleanValue();
    }

    private static Obligation obligation(JsonNode n, String at, String domain) throws CatalogueException {
        JsonNode due = n.path("due");
        DueRule dueRule = due.isMissingNode() ? DueRule.END_OF_PERIOD
                : new DueRule(optional(due, "anchorKind"), due.path("offsetDays").asInt(0),
                        due.path("workingDays").asBoolean(false), optional(due, "anchorSubject"),
                        due.path("before").asBoolean(false));
        if (dueRule.offsetDays() < 0) {
            throw new CatalogueException(at + ".due.offsetDays: 不能为负数；要求在锚定事件之前完成时用 \"before\": true", -1);
        }
        int count = n.path("count").asInt(1);
        if (count < 1) {
            throw new CatalogueException(at + ".count: 必须至少为 1", -1);
        }
        Map<String, String> params = new LinkedHashMap<>();
        n.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        String category = optional(n, "category");
        return new Obligation(text(n, "id", at, true), domain, text(n, "title", at, true), text(n, "clause", at, true),
                enumValue(Frequency.class, text(n, "frequency", at, true), at + ".frequency"), count,
                text(n, "evidenceKind", at, true), optional(n, "evidenceSubject"),
                enumValue(Severity.class, text(n, "severity", at, true), at + ".severity"), dueRule,
                category == null ? null : enumValue(Obligation.Category.class, category, at + ".category"),
                optional(n, "followUpKind"), optional(n, "trigger"), params);
    }

    /** What the standard obligation rules need of each category, so a catalogue error shows at deployment, not as silence. */
    private static void checkShape(Obligation o, String at) throws CatalogueException {
        // a trigger is read by the standard rules whatever the category (a ROLE added for a special period too)
        if (o.trigger() != null && !TRIGGERS.contains(o.trigger())) {
            throw new CatalogueException(at + ".trigger: 未知取值 '" + o.trigger() + "'，应为 " + TRIGGERS, -1);
        }
        boolean perEvent = o.frequency() == Frequency.PER_EVENT;
        if (!perEvent && o.trigger() != null) {
            throw new CatalogueException(at + ".trigger: 只有 PER_EVENT 义务可以指定 trigger", -1);
        }
        if (o.category() == null || o.category() == Obligation.Category.BASELINE
                || o.category() == Obligation.Category.ROLE && o.trigger() == null) {
            return; // held by the domain's own rules
        }
        if (o.evidenceSubject() == null) {
            throw new CatalogueException(at + ".evidenceSubject: " + o.category() + " 类义务必须指定证据事实的 subject（通常为义务编号）", -1);
        }
        if (o.category() == Obligation.Category.DELIVERABLE && o.frequency() == Frequency.DAILY) {
            // the engine holds weeks, months, quarters and years as reporting periods, not days (ReportingPeriod)
            throw new CatalogueException(at + ".frequency: 成果（DELIVERABLE）不能按日（DAILY）提交：标准规则按周、月、季、年的报告期"
                    + "核对成果；每日的工作请登记为 CHECK 或 TASK", -1);
        }
        if (perEvent && o.trigger() == null && o.due().anchorKind() == null) {
            throw new CatalogueException(at + ": 每次事件（PER_EVENT）类义务须指定 trigger 或 due.anchorKind", -1);
        }
    }

    private static final List<String> TRIGGERS = List.of("holiday", "special-period");

    private static String optional(JsonNode n, String field) {
        return n.hasNonNull(field) && !n.get(field).asText().isBlank() ? n.get(field).asText() : null;
    }

    private static String text(JsonNode n, String field, String at, boolean required) throws CatalogueException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            if (required) {
                throw new CatalogueException((at.isEmpty() ? "" : at + ".") + field + ": 必填", -1);
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new CatalogueException((at.isEmpty() ? "" : at + ".") + field + ": 应为字符串", -1);
        }
        return v.asText();
    }

    /** The list under {@code field}, empty when absent; anything but a list is refused (get(i) would be null). */
    private static JsonNode array(JsonNode n, String field, String at) throws CatalogueException {
        JsonNode v = n.path(field);
        if (!v.isMissingNode() && !v.isNull() && !v.isArray()) {
            throw new CatalogueException((at.isEmpty() ? "" : at + ".") + field + ": 应为数组", -1);
        }
        return v;
    }

    private static Set<String> strings(JsonNode n) {
        Set<String> out = new LinkedHashSet<>();
        n.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String at) throws CatalogueException {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                allowed.add(c.name());
            }
            throw new CatalogueException(at + ": 未知取值 '" + value + "'，应为 " + allowed, -1);
        }
    }
}
