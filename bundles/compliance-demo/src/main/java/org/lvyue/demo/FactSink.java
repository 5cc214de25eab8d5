package org.lvyue.demo;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The facts of the year in the ingest JSON shape ({@code POST /api/contracts/{id}/facts}): id, kind, subject,
 * date, time, status, amount (a string, yuan with two decimals), attributes (strings). Each fact is checked
 * against its kind as the catalogues declare it when added, so a generator mistake fails here, at once.
 */
final class FactSink {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");

    private final Catalogues catalogues;
    private final LocalDate to;
    private final List<Map<String, Object>> facts = new ArrayList<>();
    private final Map<String, Map<String, Object>> byId = new HashMap<>();

    FactSink(Catalogues catalogues, LocalDate to) {
        this.catalogues = catalogues;
        this.to = to;
    }

    /** Starts a fact; {@link Builder#add()} checks and keeps it. */
    Builder fact(String id, String kind, LocalDate date) {
        return new Builder(id, kind, date);
    }

    boolean contains(String id) {
        return byId.containsKey(id);
    }

    Map<String, Object> get(String id) {
        return byId.get(id);
    }

    /** Sorted by date, then id; unmodifiable. */
    List<Map<String, Object>> sorted() {
        List<Map<String, Object>> out = new ArrayList<>(facts);
        out.sort(Comparator.comparing((Map<String, Object> f) -> (String) f.get("date")).thenComparing(f -> (String) f.get("id")));
        return Collections.unmodifiableList(out);
    }

    final class Builder {
        private final String id;
        private final String kind;
        private final LocalDate date;
        private String subject;
        private LocalDateTime time;
        private String status;
        private String amount;
        private final Map<String, String> attributes = new LinkedHashMap<>();

        private Builder(String id, String kind, LocalDate date) {
            this.id = id;
            this.kind = kind;
            this.date = date;
        }

        Builder subject(String s) {
            subject = s;
            return this;
        }

        /** Sets the time and makes the date its day. */
        Builder time(LocalDateTime t) {
            time = t.withNano(0);
            return this;
        }

        Builder status(String s) {
            status = s;
            return this;
        }

        Builder amount(java.math.BigDecimal a) {
            amount = a.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
            return this;
        }

        Builder attr(String name, Object value) {
            if (value != null) {
                attributes.put(name, String.valueOf(value));
            }
            return this;
        }

        /** Keeps the fact unless it dates after the last day; returns its id, or null when dropped. */
        String add() {
            LocalDate day = time != null ? time.toLocalDate() : date;
            if (day.isAfter(to)) {
                return null;
            }
            check(day);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("id", id);
            f.put("kind", kind);
            if (subject != null) {
                f.put("subject", subject);
            }
            f.put("date", day.toString());
            if (time != null) {
                f.put("time", TIME.format(time));
            }
            if (status != null) {
                f.put("status", status);
            }
            if (amount != null) {
                f.put("amount", amount);
            }
            if (!attributes.isEmpty()) {
                f.put("attributes", Collections.unmodifiableMap(new LinkedHashMap<>(attributes)));
            }
            Map<String, Object> fact = Collections.unmodifiableMap(f);
            if (byId.putIfAbsent(id, fact) != null) {
                throw new IllegalStateException("two demo facts with id " + id);
            }
            facts.add(fact);
            return id;
        }

        private void check(LocalDate day) {
            Catalogues.Kind k = catalogues.kind(kind);
            List<String> problems = new ArrayList<>();
            if (!ID.matcher(id).matches()) {
                problems.add("id");
            }
            if (time != null && !time.toLocalDate().equals(day)) {
                problems.add("time");
            }
            if (k.timeRequired() && time == null) {
                problems.add("time required");
            }
            if (k.subjectRequired() && subject == null || subject != null && !k.subjectValues().isEmpty()
                    && !k.subjectValues().contains(subject)) {
                problems.add("subject " + subject);
            }
            if (k.statusValues().isEmpty() ? status != null : status == null || !k.statusValues().contains(status)) {
                problems.add("status " + status);
            }
            if (k.amountRequired() && amount == null) {
                problems.add("amount");
            }
            for (Map.Entry<String, String> a : attributes.entrySet()) {
                Catalogues.Attribute spec = k.attributes().get(a.getKey());
                if (spec == null || !spec.values().isEmpty() && !spec.values().contains(a.getValue())) {
                    problems.add("attributes." + a.getKey() + "=" + a.getValue());
                }
            }
            k.attributes().values().stream().filter(Catalogues.Attribute::required)
                    .filter(a -> !attributes.containsKey(a.name())).forEach(a -> problems.add("attributes." + a.name() + " required"));
            if (!problems.isEmpty()) {
                throw new IllegalStateException("demo fact " + id + " (" + kind + ") does not fit its kind: " + problems);
            }
        }
    }
}
