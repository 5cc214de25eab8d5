package org.lvyue.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The domain catalogues the rules modules ship, copied into this bundle at build time: the obligations
 * the year must meet and the fact kinds (fields, attributes, values) intake accepts.
 */
final class Catalogues {
    /** The rules modules whose catalogues are copied in (a test checks this list against rules/). */
    static final List<String> MODULES = List.of("domain-certificates", "domain-data-encryption", "domain-emergency-drill",
            "domain-general-terms", "domain-identity-auth", "domain-key-management", "domain-network-security",
            "domain-permission-management", "domain-pki", "domain-security-audit", "domain-security-verification",
            "domain-staffing", "domain-support", "domain-user-management", "obligations-standard");

    /** One obligation of a catalogue, with what the generator needs of it. */
    record Duty(String id, String domain, String title, String category, String frequency, int count,
                String evidenceKind, String evidenceSubject, String followUpKind, String trigger, String anchorKind,
                String anchorSubject, int offsetDays, boolean workingDays, boolean before, Map<String, String> params,
                String clause) {
        boolean is(String c) {
            return c.equals(category);
        }

        boolean periodic() {
            return !"PER_EVENT".equals(frequency);
        }
    }

    /** One fact kind. */
    record Kind(String name, String domain, boolean subjectRequired, Set<String> subjectValues, Set<String> statusValues,
                boolean timeRequired, boolean amountRequired, Map<String, Attribute> attributes) {
    }

    record Attribute(String name, String type, boolean required, Set<String> values) {
    }

    private final List<Duty> duties;
    private final Map<String, Kind> kinds;
    private final List<String> domains;
    /** The domains whose catalogues say they apply to every contract ({@code "everyContract": true}). */
    private final Set<String> everyContract;

    private Catalogues(List<Duty> duties, Map<String, Kind> kinds, List<String> domains, Set<String> everyContract) {
        this.duties = duties;
        this.kinds = kinds;
        this.domains = domains;
        this.everyContract = everyContract;
    }

    static Catalogues load() {
        ObjectMapper json = new ObjectMapper();
        List<Duty> duties = new ArrayList<>();
        Map<String, Kind> kinds = new LinkedHashMap<>();
        List<String> domains = new ArrayList<>();
        Set<String> everyContract = new LinkedHashSet<>();
        for (String module : MODULES) {
            String path = "catalogues/" + module + "/src/main/resources/catalogue.json";
            try (InputStream in = Catalogues.class.getResourceAsStream(path)) {
                if (in == null) {
                    continue; // a module not shipped in this build
                }
                JsonNode root = json.readTree(in);
                String domain = root.path("domain").asText();
                domains.add(domain);
                if (root.path("everyContract").asBoolean(false)) {
                    everyContract.add(domain);
                }
                for (JsonNode k : root.path("factKinds")) {
                    Map<String, Attribute> attributes = new LinkedHashMap<>();
                    for (JsonNode a : k.path("attributes")) {
                        attributes.put(a.path("name").asText(), new Attribute(a.path("name").asText(), a.path("type").asText(),
                                a.path("required").asBoolean(false), strings(a.path("values"))));
                    }
                    kinds.put(k.path("name").asText(), new Kind(k.path("name").asText(), domain,
                            k.path("subjectRequired").asBoolean(false), strings(k.path("subjectValues")),
                            strings(k.path("statusValues")), k.path("timeRequired").asBoolean(false),
                            k.path("amountRequired").asBoolean(false), Collections.unmodifiableMap(attributes)));
                }
                for (JsonNode o : root.path("obligations")) {
                    JsonNode due = o.path("due");
                    Map<String, String> params = new LinkedHashMap<>();
                    o.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
                    duties.add(new Duty(o.path("id").asText(), domain, o.path("title").asText(), text(o, "category"),
                            o.path("frequency").asText(), o.path("count").asInt(1), o.path("evidenceKind").asText(),
                            text(o, "evidenceSubject"), text(o, "followUpKind"), text(o, "trigger"), text(due, "anchorKind"),
                            text(due, "anchorSubject"), due.path("offsetDays").asInt(0), due.path("workingDays").asBoolean(false),
                            due.path("before").asBoolean(false), params, o.path("clause").asText()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("catalogue of " + module, e);
            }
        }
        if (duties.isEmpty()) {
            throw new IllegalStateException("no catalogue found in the bundle (org/lvyue/demo/catalogues)");
        }
        return new Catalogues(List.copyOf(duties), Collections.unmodifiableMap(kinds), List.copyOf(domains), Set.copyOf(everyContract));
    }

    List<Duty> duties() {
        return duties;
    }

    /**
     * The catalogues as a contract buys them ({@code services} of its definition): the duties and kinds of the domains
     * it lists and of those every contract has (the general terms, the standard rules), each duty with the contract's
     * overrides ({@code frequency}, {@code count}, params) and without those it drops ({@code "applies": "false"}); all
     * of them when it lists none.
     */
    Catalogues boughtBy(ContractTerms contract) {
        Map<String, Map<String, Map<String, String>>> services = contract.services();
        if (services.isEmpty()) {
            return this;
        }
        Set<String> domains = new LinkedHashSet<>(services.keySet());
        domains.addAll(everyContract);
        List<Duty> bought = new ArrayList<>();
        for (Duty d : duties) {
            if (!domains.contains(d.domain())) {
                continue;
            }
            Map<String, String> change = services.getOrDefault(d.domain(), Map.of()).getOrDefault(d.id(), Map.of());
            if ("false".equals(change.get("applies"))) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>(d.params());
            change.forEach((k, v) -> {
                if (!List.of("applies", "frequency", "count", "severity").contains(k)) {
                    params.put(k, v);
                }
            });
            bought.add(new Duty(d.id(), d.domain(), d.title(), d.category(), change.getOrDefault("frequency", d.frequency()),
                    Integer.parseInt(change.getOrDefault("count", String.valueOf(d.count()))), d.evidenceKind(), d.evidenceSubject(),
                    d.followUpKind(), d.trigger(), d.anchorKind(), d.anchorSubject(), d.offsetDays(), d.workingDays(), d.before(),
                    Collections.unmodifiableMap(params), d.clause()));
        }
        Map<String, Kind> boughtKinds = new LinkedHashMap<>();
        kinds.forEach((name, k) -> {
            if (domains.contains(k.domain())) {
                boughtKinds.put(name, k);
            }
        });
        return new Catalogues(List.copyOf(bought), Collections.unmodifiableMap(boughtKinds),
                this.domains.stream().filter(domains::contains).toList(), everyContract);
    }

    Duty duty(String id) {
        return duties.stream().filter(d -> d.id().equals(id)).findFirst().orElse(null);
    }

    Kind kind(String name) {
        Kind k = kinds.get(name);
        if (k == null) {
            throw new IllegalStateException("no catalogue declares the fact kind " + name);
        }
        return k;
    }

    boolean hasKind(String name) {
        return kinds.containsKey(name);
    }

    List<String> domains() {
        return domains;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static Set<String> strings(JsonNode n) {
        Set<String> out = new LinkedHashSet<>();
        n.forEach(v -> out.add(v.asText()));
        return Collections.unmodifiableSet(out);
    }
}
