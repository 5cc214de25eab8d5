package org.lvyue.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.lvyue.api.fact.FactProblem;

/**
 * The contract's own words for the clause ids findings and obligations cite. The texts are part of the
 * contract's definition ({@code "clauses": {"一般条款 七.2": "2. 甲方未按约定支付合同款…"}}), stored and
 * versioned with it; a definition without them has no texts.
 *
 * <p>An id is looked up exactly, else by its enclosing clause ({@code 附件三 1.1.5 2) 异地备份} falls back
 * to {@code 附件三 1.1.5 2)}, then {@code 附件三 1.1.5}); several ids joined by {@code ;} are each looked
 * up, a part without its document ({@code 附件三 1.6.3 (4); 1.6.11 (2)(4)}) belonging to the document
 * of the part before it. Parts that name no clause of the contract (a national standard) are left out.
 */
final class ClauseTexts {
    /** The field of a definition that holds the texts. */
    static final String FIELD = "clauses";
    static final int MAX_CLAUSES = 5_000;
    static final int MAX_KEY = 100;
    static final int MAX_TEXT = 20_000;
    static final ClauseTexts NONE = new ClauseTexts(Map.of());
    private static final Pattern DOCUMENT = Pattern.compile("^(合同书|一般条款|附件[一二三四五六七八九])\\s+(.*)$");

    private final Map<String, String> texts;

    ClauseTexts(Map<String, String> texts) {
        this.texts = Map.copyOf(texts);
    }

    /** The texts a definition (as stored) carries; none when it has no {@code clauses}. */
    static ClauseTexts of(JsonNode definition) {
        List<FactProblem> ignored = new ArrayList<>();
        return new ClauseTexts(read(definition.get(FIELD), false, ignored));
    }

    /**
     * The {@code clauses} of a definition, each checked: an object of clause id to text, at most
     * {@value #MAX_CLAUSES} of them, ids of at most {@value #MAX_KEY} characters, texts non-empty and of at most
     * {@value #MAX_TEXT} characters; when strict (a submitted definition), no control characters either.
     * Each refusal names its field, {@code clauses.<id>}.
     */
    static Map<String, String> read(JsonNode node, boolean strict, List<FactProblem> problems) {
        Map<String, String> out = new TreeMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            problems.add(new FactProblem(-1, FIELD, "应为对象：{\"条款编号\": \"条款原文\"}"));
            return out;
        }
        if (node.size() > MAX_CLAUSES) {
            problems.add(new FactProblem(-1, FIELD, "条款不能超过 " + MAX_CLAUSES + " 条（收到 " + node.size() + " 条）"));
            return out;
        }
        node.fields().forEachRemaining(e -> {
            String field = FIELD + "." + e.getKey();
            String key = e.getKey().strip();
            String bad = key.isEmpty() ? "条款编号不能为空"
                    : key.length() > MAX_KEY ? "条款编号超过 " + MAX_KEY + " 个字符"
                    : strict ? Texts.problem(key) : null;
            if (bad == null) {
                JsonNode v = e.getValue();
                bad = !v.isTextual() ? "应为文字（条款原文）"
                        : v.textValue().isBlank() ? "条款原文不能为空"
                        : v.textValue().length() > MAX_TEXT ? "条款原文超过 " + MAX_TEXT + " 个字符"
                        : strict ? Texts.problem(v.textValue()) : null;
            }
            if (bad != null) {
                problems.add(new FactProblem(-1, field, bad));
            } else if (out.put(key, e.getValue().textValue().strip()) != null) {
                problems.add(new FactProblem(-1, field, "条款编号重复（前后空白不计）"));
            }
        });
        return out;
    }

    /** Every clause id with a text, in order. */
    java.util.SortedSet<String> ids() {
        return new java.util.TreeSet<>(texts.keySet());
    }

    /** The text stored under exactly this id, or empty. */
    Optional<String> exact(String id) {
        return Optional.ofNullable(texts.get(id));
    }

    /** Whether the id names a clause of the contract's own documents (合同书, 一般条款, an annex), not a standard. */
    static boolean citesTheContract(String clause) {
        return clause != null && DOCUMENT.matcher(clause.strip()).matches();
    }

    int size() {
        return texts.size();
    }

    /** The text of a clause id as cited, or empty. */
    Optional<String> text(String clause) {
        if (clause == null || clause.isBlank()) {
            return Optional.empty();
        }
        Set<String> found = new LinkedHashSet<>();
        String document = null;
        for (String part : clause.split("[;；]")) {
            String p = part.trim();
            Matcher m = DOCUMENT.matcher(p);
            if (m.matches()) {
                document = m.group(1);
            } else if (document != null && !p.isEmpty() && !Character.isUpperCase(p.charAt(0))) {
                p = document + " " + p;
            } else {
                continue;
            }
            enclosing(p).ifPresent(found::add);
        }
        List<String> out = new ArrayList<>();
        found.forEach(k -> out.add(texts.get(k)));
        return out.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", out));
    }

    /** The id itself, or the nearest enclosing id that has a text. */
    private Optional<String> enclosing(String id) {
        String candidate = id.trim();
        while (candidate.indexOf(' ') > 0) {
            if (texts.containsKey(candidate)) {
                return Optional.of(candidate);
            }
            int cut = Math.max(Math.max(candidate.lastIndexOf(' '), candidate.lastIndexOf('(')),
                    Math.max(Math.max(candidate.lastIndexOf('-'), candidate.lastIndexOf('.')), candidate.lastIndexOf('（')));
            if (cut <= 0) {
                break;
            }
            candidate = candidate.substring(0, cut).trim();
        }
        return Optional.empty();
    }
}
