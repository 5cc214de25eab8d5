package org.lvyue.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The contract's own words for the clause ids findings and obligations cite. The texts are data,
 * copied from the signed contract into {@code contracts/<contract id>.clauses.json} beside the
 * definition; a contract without such a file has no texts.
 *
 * <p>An id is looked up exactly, else by its enclosing clause ({@code 附件三 1.1.5 2) 异地备份} falls back
 * to {@code 附件三 1.1.5 2)}, then {@code 附件三 1.1.5}); several ids joined by {@code ;} are each looked
 * up, a part without its document ({@code 附件三 1.6.3 (4); 1.6.11 (2)(4)}) belonging to the document
 * of the part before it. Parts that name no clause of the contract (a national standard) are left out.
 */
final class ClauseTexts {
    static final String RESOURCE = "contracts/%s.clauses.json";
    private static final Pattern DOCUMENT = Pattern.compile("^(合同书|一般条款|附件[一二三四五六七八九])\\s+(.*)$");

    private final Map<String, String> texts;

    ClauseTexts(Map<String, String> texts) {
        this.texts = Map.copyOf(texts);
    }

    private static final Map<String, ClauseTexts> BY_CONTRACT = new ConcurrentHashMap<>();

    /** The texts shipped for a contract, or none. */
    static ClauseTexts of(String contractId) {
        return BY_CONTRACT.computeIfAbsent(contractId, ClauseTexts::load);
    }

    private static ClauseTexts load(String contractId) {
        try (InputStream in = ClauseTexts.class.getClassLoader().getResourceAsStream(String.format(RESOURCE, contractId))) {
            if (in == null) {
                return new ClauseTexts(Map.of());
            }
            JsonNode clauses = new ObjectMapper().readTree(in).path("clauses");
            Map<String, String> texts = new TreeMap<>();
            clauses.fields().forEachRemaining(e -> texts.put(e.getKey(), e.getValue().asText()));
            return new ClauseTexts(texts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the clause texts of contract " + contractId, e);
        }
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
