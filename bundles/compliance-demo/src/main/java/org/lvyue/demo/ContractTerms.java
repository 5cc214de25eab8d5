package org.lvyue.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The demo contract (bj-hrss-2022.json, copied in at build time): amount, dates and the terms that place the facts. */
final class ContractTerms {
    final String id;
    final BigDecimal amount;
    final LocalDate periodStart;
    final LocalDate periodEnd;
    final LocalDate signedOn;
    private final JsonNode terms;
    private final JsonNode interpretations;
    private final JsonNode services;

    private ContractTerms(JsonNode root) {
        this.id = root.path("id").asText();
        this.amount = new BigDecimal(root.path("amount").asText());
        this.periodStart = LocalDate.parse(root.path("periodStart").asText());
        this.periodEnd = LocalDate.parse(root.path("periodEnd").asText());
        this.signedOn = LocalDate.parse(root.path("signedOn").asText());
        this.terms = root.path("terms");
        this.interpretations = root.path("interpretations");
        this.services = root.path("services");
    }

    /**
     * The services the contract buys, each with its overrides by obligation ({@code {"ns.d02": {"frequency":
     * "WEEKLY"}}}); empty when the definition does not say (every domain applies).
     */
    Map<String, Map<String, Map<String, String>>> services() {
        Map<String, Map<String, Map<String, String>>> out = new LinkedHashMap<>();
        if (services.isArray()) {
            services.forEach(d -> out.put(d.asText(), Map.of()));
        } else if (services.isObject()) {
            services.fields().forEachRemaining(e -> {
                Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
                e.getValue().path("obligations").fields().forEachRemaining(o -> {
                    Map<String, String> params = new LinkedHashMap<>();
                    o.getValue().fields().forEachRemaining(p -> params.put(p.getKey(), p.getValue().asText()));
                    overrides.put(o.getKey(), params);
                });
                out.put(e.getKey(), overrides);
            });
        }
        return out;
    }

    /** The contract's reading of an open point (a plain option, or {"value": …, "reason": …}), or the default. */
    String interpretation(String id, String defaultValue) {
        JsonNode v = interpretations.path(id);
        if (v.isObject()) {
            v = v.path("value");
        }
        return v.isValueNode() ? v.asText() : defaultValue;
    }

    /** The seed's demo contract (bj-hrss-2022). */
    static ContractTerms load() {
        return load("bj-hrss-2022");
    }

    /** A demo contract of the portfolio, by id. */
    static ContractTerms load(String contractId) {
        try (InputStream in = ContractTerms.class.getResourceAsStream("contract/" + contractId + ".json")) {
            if (in == null) {
                throw new IllegalStateException("the demo contract " + contractId + " is missing from the bundle (org/lvyue/demo/contract)");
            }
            return new ContractTerms(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int integer(String term, String field) {
        JsonNode v = terms.path(term).path(field);
        if (v.isMissingNode()) {
            throw new IllegalStateException("the demo contract has no terms." + term + "." + field);
        }
        return v.asInt();
    }

    String text(String term, String field) {
        JsonNode v = terms.path(term).path(field);
        if (v.isMissingNode()) {
            throw new IllegalStateException("the demo contract has no terms." + term + "." + field);
        }
        return v.asText();
    }

    /** terms.supportSites: each site (district) and its class, urban or suburban, in the contract's order. */
    Map<String, String> supportSites() {
        Map<String, String> out = new LinkedHashMap<>();
        terms.path("supportSites").fields().forEachRemaining(e -> {
            String v = e.getValue().asText();
            if (v.equals("urban") || v.equals("suburban")) {
                out.put(e.getKey(), v);
            }
        });
        return out;
    }
}
