package org.lvyue.core.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.ContractService;
import org.lvyue.api.contract.Interpretation;
import org.lvyue.api.contract.Party;
import org.lvyue.api.contract.Term;
import org.lvyue.core.internal.GeneralTermsSchema.InterpretationSpec;
import org.lvyue.core.internal.GeneralTermsSchema.TermSpec;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.InvalidInputException;

/**
 * Reads a contract definition document and refuses it, with every problem listed, when it is not usable.
 * Public so that rule bundles' tests can read real contract definitions on a plain class path; the
 * package is not exported to OSGi.
 */
public final class ContractDefinitionReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
    /** The fields of a definition; any other is refused, so a misspelt one is never silently dropped. */
    private static final java.util.Set<String> FIELDS = java.util.Set.of("id", "version", "name", "number", "procurementNo",
            "source", "currency", "client", "supplier", "amount", "periodStart", "periodEnd", "signedOn", "awardNoticeOn",
            "terms", "interpretations", "evaluator", "services", ClauseTexts.FIELD, ContractRenewal.RENEWED_FROM);
    private static final java.util.Set<String> PARTY_FIELDS = java.util.Set.of("role", "name", "address", "organisation");
    private static final java.util.Set<String> SERVICE_FIELDS = java.util.Set.of("versions", "obligations", "systems");
    /** At most this many systems per service, each at most {@value #MAX_SYSTEM} characters. */
    private static final int MAX_SYSTEMS = 20;
    private static final int MAX_SYSTEM = 50;
    private static final int MAX_TEXT = 2000;
    /** An OSGi version range ({@code [1.0,2)}) or a lowest version ({@code 1.2}), as {@code org.osgi.framework.VersionRange} reads it. */
    private static final Pattern VERSION_RANGE = Pattern.compile(
            "\\d+(\\.\\d+){0,2}|[\\[(]\\d+(\\.\\d+){0,2},\\s*\\d+(\\.\\d+){0,2}[\\])]");

    private ContractDefinitionReader() {
    }

    /** Where the demo contract of the seed (2022) is bundled. */
    static final String DEMO_CONTRACT = "contracts/bj-hrss-2022.json";
    /** Its clause texts, kept apart from the definition's numbers so that each file reads on its own. */
    static final String DEMO_CLAUSES = "contracts/bj-hrss-2022.clauses.json";
    /**
     * The portfolio's second demo contract: of the same bureau with another supplier, it buys three of the seed's
     * services (network security, on-site staff, support) with parameters of its own. It has no clause texts.
     */
    static final String NETWORK_DEMO_CONTRACT = "contracts/bj-hrss-2022-wl.json";

    /**
     * The bundled demo contract definition, as JSON text, with its clause texts merged in as {@code clauses}:
     * the definition the product stores, so that the texts are the stored definition's like any contract's.
     */
    public static String demoDefinition() {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode definition = (com.fasterxml.jackson.databind.node.ObjectNode)
                    MAPPER.readTree(resource(DEMO_CONTRACT));
            definition.set(ClauseTexts.FIELD, MAPPER.readTree(resource(DEMO_CLAUSES)).get(ClauseTexts.FIELD));
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the bundled demo contract is not JSON", e);
        }
    }

    /** Every bundled demo contract definition (the demo portfolio), as JSON text, the seed's first. */
    public static List<String> demoDefinitions() {
        return List.of(demoDefinition(), resource(NETWORK_DEMO_CONTRACT));
    }

    private static String resource(String path) {
        try (java.io.InputStream in = ContractDefinitionReader.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads a definition as stored: leniently, so a definition accepted by an earlier version still loads. */
    public static Contract read(String json) {
        return read(json, false);
    }

    /**
     * Reads a newly submitted definition strictly: besides every check of {@link #read}, an unknown or
     * misspelt field, a version that is no whole number and control characters in a text are refused.
     */
    static Contract readSubmitted(String json) {
        return read(json, true);
    }

    private static Contract read(String json, boolean strict) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("合同定义不是合法的 JSON",
                    List.of(new FactProblem(-1, "$", "第 " + e.getLocation().getLineNr() + " 行: " + e.getOriginalMessage())));
        }
        List<FactProblem> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("合同定义必须是 JSON 对象", List.of(new FactProblem(-1, "$", "应为 JSON 对象")));
        }
        root.fieldNames().forEachRemaining(n -> {
            if (strict && !FIELDS.contains(n)) {
                problems.add(new FactProblem(-1, n, "未知字段；合同定义的字段：" + String.join("、", new java.util.TreeSet<>(FIELDS))));
            }
        });
        root.fields().forEachRemaining(e -> {
            if (strict && e.getValue().isTextual()) {
                String bad = e.getValue().textValue().length() > MAX_TEXT ? "超过 " + MAX_TEXT + " 个字符"
                        : Texts.problem(e.getValue().textValue());
                if (bad != null) {
                    problems.add(new FactProblem(-1, e.getKey(), bad));
                }
            }
        });
        String id = text(root, "id", problems);
        if (id != null && !ID.matcher(id).matches()) {
            problems.add(new FactProblem(-1, "id", "只能包含小写字母、数字和连字符，2-64 个字符"));
        } else if ("lint".equals(id)) {
            problems.add(new FactProblem(-1, "id", "'lint' 是保留字（POST /api/contracts/lint 检查合同草稿），不能用作合同编号"));
        }
        JsonNode versionNode = root.path("version");
        int version = !strict ? versionNode.asInt(0)
                : versionNode.isIntegralNumber() && versionNode.canConvertToInt() ? versionNode.intValue() : 0;
        if (version < 1) {
            problems.add(new FactProblem(-1, "version", "必须是不小于 1 的整数"));
        }
        String name = text(root, "name", problems);
        BigDecimal amount = null;
        String amountText = text(root, "amount", problems);
        if (amountText != null) {
            try {
                amount = new BigDecimal(amountText);
                if (amount.signum() <= 0 || amount.scale() > 2) {
                    problems.add(new FactProblem(-1, "amount", "合同金额必须为正数，最多两位小数（元，精确到分）"));
                }
            } catch (NumberFormatException e) {
                problems.add(new FactProblem(-1, "amount", "不是数字: '" + amountText + "'"));
            }
        }
        LocalDate start = date(root, "periodStart", problems, true);
        LocalDate end = date(root, "periodEnd", problems, true);
        LocalDate signed = date(root, "signedOn", problems, false);
        if (start != null && end != null && end.isBefore(start)) {
            problems.add(new FactProblem(-1, "periodEnd", "服务期结束日早于开始日"));
        }
        Party client = party(root, "client", strict, problems);
        Party supplier = party(root, "supplier", strict, problems);
        Party evaluator = root.hasNonNull("evaluator") ? party(root, "evaluator", strict, problems) : null;
        List<ContractService> services = services(root.get("services"), problems);
        List<Term> terms = terms(root.get("terms"), problems);
        List<Interpretation> interpretations = interpretations(root.get("interpretations"), problems);
        ClauseTexts.read(root.get(ClauseTexts.FIELD), strict, problems);
        JsonNode renewedFrom = root.get(ContractRenewal.RENEWED_FROM);
        if (renewedFrom != null && !renewedFrom.isNull() && !(renewedFrom.isTextual() && ID.matcher(renewedFrom.asText()).matches())) {
            problems.add(new FactProblem(-1, ContractRenewal.RENEWED_FROM, "应为所续签合同的编号（小写字母、数字和连字符）"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("合同定义有 " + problems.size() + " 处错误", problems);
        }
        return new Contract(id, version, name, root.path("number").asText(""), root.path("procurementNo").asText(""),
                client, supplier, amount.setScale(2), start, end, signed, terms, interpretations, evaluator, services);
    }

    /**
     * The services the contract buys, as {@code ["support", ...]} or {@code {"support": {"versions": "[1.0,2)",
     * "obligations": {"support.phone": {"count": "2"}}}}}; whether the domains, obligations and parameters exist is
     * checked against the catalogues when the definition is submitted ({@link ServiceCheck}).
     */
    private static List<ContractService> services(JsonNode node, List<FactProblem> problems) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<ContractService> out = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode d = node.get(i);
                if (!d.isTextual() || !ID.matcher(d.asText()).matches()) {
                    problems.add(new FactProblem(-1, "services[" + i + "]", "应为服务领域编号（小写字母、数字和连字符）"));
                } else if (out.stream().anyMatch(s -> s.domain().equals(d.asText()))) {
                    problems.add(new FactProblem(-1, "services[" + i + "]", "服务领域 '" + d.asText() + "' 重复"));
                } else {
                    out.add(ContractService.of(d.asText()));
                }
            }
            return out;
        }
        if (!node.isObject()) {
            problems.add(new FactProblem(-1, "services", "应为服务领域编号的数组，或以服务领域编号为键的对象"));
            return List.of();
        }
        node.fields().forEachRemaining(e -> {
            String at = "services." + e.getKey();
            if (!ID.matcher(e.getKey()).matches()) {
                problems.add(new FactProblem(-1, at, "服务领域编号只能包含小写字母、数字和连字符"));
                return;
            }
            JsonNode s = e.getValue();
            if (s.isNull() || (s.isObject() && s.isEmpty())) {
                out.add(ContractService.of(e.getKey()));
                return;
            }
            if (!s.isObject()) {
                problems.add(new FactProblem(-1, at, "应为对象：{\"versions\": 版本范围, \"obligations\": {义务编号: {参数: 取值}}}"));
                return;
            }
            s.fieldNames().forEachRemaining(f -> {
                if (!SERVICE_FIELDS.contains(f)) {
                    problems.add(new FactProblem(-1, at + "." + f, "未知字段；服务的字段：versions、obligations、systems"));
                }
            });
            String versions = null;
            JsonNode v = s.get("versions");
            if (v != null && !v.isNull()) {
                versions = v.asText();
                if (!v.isTextual() || !VERSION_RANGE.matcher(versions).matches()) {
                    problems.add(new FactProblem(-1, at + ".versions", "不是 OSGi 版本范围（如 [1.0,2)）: '" + v.asText() + "'"));
                }
            }
            Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
            JsonNode obligations = s.get("obligations");
            if (obligations != null && !obligations.isNull()) {
                if (!obligations.isObject()) {
                    problems.add(new FactProblem(-1, at + ".obligations", "应为对象：{义务编号: {参数: 取值}}"));
                } else {
                    obligations.fields().forEachRemaining(o -> {
                        if (!o.getValue().isObject() || o.getValue().isEmpty()) {
                            problems.add(new FactProblem(-1, at + ".obligations." + o.getKey(), "应为非空对象：{参数: 取值}"));
                            return;
                        }
                        Map<String, String> params = new LinkedHashMap<>();
                        o.getValue().fields().forEachRemaining(p -> {
                            if (!p.getValue().isValueNode() || p.getValue().isNull()) {
                                problems.add(new FactProblem(-1, at + ".obligations." + o.getKey() + "." + p.getKey(),
                                        "应为文字或数字"));
                            } else {
                                params.put(p.getKey(), p.getValue().asText());
                            }
                        });
                        overrides.put(o.getKey(), params);
                    });
                }
            }
            out.add(new ContractService(e.getKey(), versions, overrides, systems(s.get("systems"), at + ".systems", problems)));
        });
        return out;
    }

    /** The systems a service's items are checked on: distinct non-empty names, e.g. {@code ["主", "备"]}. */
    private static List<String> systems(JsonNode node, String at, List<FactProblem> problems) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_SYSTEMS) {
            problems.add(new FactProblem(-1, at, "应为系统名称的数组（至多 " + MAX_SYSTEMS + " 个），如 [\"主\", \"备\"]"));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode n = node.get(i);
            String name = n.isTextual() ? n.asText().strip() : "";
            String bad = !n.isTextual() || name.isEmpty() ? "应为非空文字"
                    : name.length() > MAX_SYSTEM ? "超过 " + MAX_SYSTEM + " 个字符"
                    : out.contains(name) ? "系统 '" + name + "' 重复" : Texts.problem(name);
            if (bad != null) {
                problems.add(new FactProblem(-1, at + "[" + i + "]", bad));
            } else {
                out.add(name);
            }
        }
        return out;
    }

    /** Every term of the schema, each with every field, each of its type; nothing else. */
    private static List<Term> terms(JsonNode node, List<FactProblem> problems) {
        if (node == null || !node.isObject()) {
            problems.add(new FactProblem(-1, "terms", "必填：合同一般条款的各项数值（对象）"));
            return List.of();
        }
        Map<String, TermSpec> specs = new LinkedHashMap<>();
        GeneralTermsSchema.TERMS.forEach(t -> specs.put(t.name(), t));
        node.fieldNames().forEachRemaining(n -> {
            if (!specs.containsKey(n)) {
                problems.add(new FactProblem(-1, "terms." + n, "未知条款；可用的条款：" + String.join("、", specs.keySet())));
            }
        });
        List<Term> terms = new ArrayList<>();
        for (TermSpec spec : specs.values()) {
            String path = "terms." + spec.name();
            JsonNode t = node.get(spec.name());
            if (t == null || !t.isObject()) {
                problems.add(new FactProblem(-1, path, "必填（" + spec.clause() + "）"));
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            if (spec.anyKeyValues() != null) {
                t.fields().forEachRemaining(e -> {
                    if (e.getKey().equals("clause") || e.getKey().equals("note")) {
                        return;
                    }
                    if (!e.getValue().isValueNode() || !spec.anyKeyValues().contains(e.getValue().asText())) {
                        problems.add(new FactProblem(-1, path + "." + e.getKey(), "取值应为 " + String.join("、", spec.anyKeyValues())));
                    } else {
                        values.put(e.getKey(), e.getValue().asText());
                    }
                });
                terms.add(new Term(spec.name(), t.path("clause").asText(spec.clause()), values));
                continue;
            }
            for (Map.Entry<String, GeneralTermsSchema.Type> field : spec.fields().entrySet()) {
                JsonNode v = t.get(field.getKey());
                String fieldPath = path + "." + field.getKey();
                if (v == null || v.isNull() || !v.isValueNode()) {
                    problems.add(new FactProblem(-1, fieldPath, "必填（" + typeName(field.getValue()) + "）"));
                    continue;
                }
                String text = v.asText();
                String reason = check(field.getValue(), text);
                List<String> choices = GeneralTermsSchema.CHOICES.get(spec.name() + "." + field.getKey());
                if (reason == null && choices != null && !choices.contains(text)) {
                    reason = "取值应为 " + String.join("、", choices) + "（规则只按这些取值计算）";
                }
                if (reason != null) {
                    problems.add(new FactProblem(-1, fieldPath, reason + ": '" + text + "'"));
                } else {
                    values.put(field.getKey(), text);
                }
            }
            t.fieldNames().forEachRemaining(f -> {
                if (!f.equals("clause") && !f.equals("note") && !spec.fields().containsKey(f)) {
                    problems.add(new FactProblem(-1, path + "." + f, "未知字段；该条款的字段：" + String.join("、", spec.fields().keySet())));
                }
            });
            terms.add(new Term(spec.name(), t.path("clause").asText(spec.clause()), values));
        }
        return terms;
    }

    private static String check(GeneralTermsSchema.Type type, String text) {
        try {
            switch (type) {
                case DECIMAL -> {
                    if (new BigDecimal(text).signum() < 0) {
                        return "不能为负数";
                    }
                }
                case INTEGER -> {
                    if (Integer.parseInt(text) < 0) {
                        return "不能为负数";
                    }
                }
                case DATE -> LocalDate.parse(text);
                case BOOLEAN -> {
                    if (!text.equals("true") && !text.equals("false")) {
                        return "应为 true 或 false";
                    }
                }
                case TEXT -> {
                    if (text.isBlank()) {
                        return "不能为空";
                    }
                }
            }
            return null;
        } catch (NumberFormatException | DateTimeParseException e) {
            return "应为" + typeName(type);
        }
    }

    private static String typeName(GeneralTermsSchema.Type type) {
        return switch (type) {
            case DECIMAL -> "小数，如 0.03";
            case INTEGER -> "整数";
            case DATE -> "日期 yyyy-MM-dd";
            case BOOLEAN -> "true 或 false";
            case TEXT -> "文字";
        };
    }

    /** The chosen reading of each open point; a missing one takes its default. */
    private static List<Interpretation> interpretations(JsonNode node, List<FactProblem> problems) {
        Map<String, InterpretationSpec> specs = new LinkedHashMap<>();
        GeneralTermsSchema.INTERPRETATIONS.forEach(i -> specs.put(i.id(), i));
        if (node != null && !node.isObject()) {
            problems.add(new FactProblem(-1, "interpretations", "应为对象：{\"解释项\": \"选项\"}"));
            return List.of();
        }
        if (node != null) {
            node.fieldNames().forEachRemaining(n -> {
                if (!specs.containsKey(n)) {
                    problems.add(new FactProblem(-1, "interpretations." + n, "未知解释项；可用的解释项：" + String.join("、", specs.keySet())));
                }
            });
        }
        List<Interpretation> out = new ArrayList<>();
        for (InterpretationSpec spec : specs.values()) {
            String field = "interpretations." + spec.id();
            JsonNode v = node == null ? null : node.get(spec.id());
            String reason = null;
            if (v != null && v.isObject()) {
                // {"value": "...", "reason": "..."}: a reading chosen with the reason the parties give for it
                v.fieldNames().forEachRemaining(n -> {
                    if (!n.equals("value") && !n.equals("reason")) {
                        problems.add(new FactProblem(-1, field + "." + n, "未知字段；只能有 value（选项）与 reason（理由）"));
                    }
                });
                JsonNode r = v.get("reason");
                if (r != null && !r.isNull() && (!r.isTextual() || r.asText().isBlank())) {
                    problems.add(new FactProblem(-1, field + ".reason", "应为非空文字"));
                } else if (r != null && !r.isNull()) {
                    reason = r.asText().strip();
                }
                v = v.get("value");
                if (v == null || v.isNull()) {
                    problems.add(new FactProblem(-1, field + ".value", "必填"));
                    continue;
                }
            }
            if (v != null && !v.isValueNode()) {
                problems.add(new FactProblem(-1, field, "应为文字选项，或 {\"value\": 选项, \"reason\": 理由}"));
                continue;
            }
            String value = v == null || v.isNull() ? spec.defaultValue() : v.asText();
            if (!spec.options().contains(value)) {
                problems.add(new FactProblem(-1, field, "不是可选项: '" + value + "'；可选：" + String.join("、", spec.options())));
                continue;
            }
            out.add(new Interpretation(spec.id(), spec.clause(), spec.title(), value, spec.defaultValue(), spec.options(),
                    reason));
        }
        return out;
    }

    private static String text(JsonNode n, String field, List<FactProblem> problems) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            problems.add(new FactProblem(-1, field, "必填"));
            return null;
        }
        return v.asText();
    }

    private static LocalDate date(JsonNode n, String field, List<FactProblem> problems, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(new FactProblem(-1, field, "必填，格式 yyyy-MM-dd"));
            }
            return null;
        }
        try {
            return LocalDate.parse(v.asText());
        } catch (DateTimeParseException e) {
            problems.add(new FactProblem(-1, field, "日期格式应为 yyyy-MM-dd: '" + v.asText() + "'"));
            return null;
        }
    }

    private static Party party(JsonNode root, String field, boolean strict, List<FactProblem> problems) {
        JsonNode p = root.get(field);
        if (p == null || !p.isObject() || p.path("name").asText("").isBlank()) {
            problems.add(new FactProblem(-1, field + ".name", "必填"));
            return null;
        }
        int before = problems.size();
        p.fields().forEachRemaining(e -> {
            if (!strict) {
                return;
            }
            String at = field + "." + e.getKey();
            if (!PARTY_FIELDS.contains(e.getKey())) {
                problems.add(new FactProblem(-1, at, "未知字段；当事人的字段：" + String.join("、", new java.util.TreeSet<>(PARTY_FIELDS))));
            } else if (!e.getValue().isTextual() && !e.getValue().isNull()) {
                problems.add(new FactProblem(-1, at, "应为字符串"));
            } else if (e.getValue().isTextual()) {
                String bad = e.getValue().textValue().length() > MAX_TEXT ? "超过 " + MAX_TEXT + " 个字符"
                        : Texts.problem(e.getValue().textValue());
                if (bad != null) {
                    problems.add(new FactProblem(-1, at, bad));
                }
            }
        });
        if (problems.size() > before) {
            return null;
        }
        String organisation = p.path("organisation").asText(null);
        if (organisation != null && !ID.matcher(organisation).matches()) {
            problems.add(new FactProblem(-1, field + ".organisation", "机构编号只能包含小写字母、数字和连字符，2-64 个字符"));
            return null;
        }
        return new Party(p.path("role").asText(null), p.path("name").asText(), p.path("address").asText(null), organisation);
    }
}
