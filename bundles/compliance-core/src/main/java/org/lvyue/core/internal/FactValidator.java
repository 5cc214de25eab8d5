package org.lvyue.core.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactKind;
import org.lvyue.api.fact.FactKind.AttributeSpec;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.InvalidInputException;

/**
 * Checks every submitted fact against its kind as the active domains declare it, and reports every
 * problem of every fact at once, so a collector fixes its batch in one round. Messages are Chinese,
 * for the engineer who reads them; field paths are the JSON paths they sent.
 */
final class FactValidator {
    static final Set<String> FIELDS = Set.of("id", "kind", "domain", "subject", "date", "time", "status", "amount",
            "attributes");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");
    private static final int MAX_TEXT = 2000;
    /** How far before the service period a fact may date (e.g. preparations before the start). */
    static final int DAYS_BEFORE_PERIOD = 366;
    /** Whole yuan digits of an amount: a trillion yuan is beyond any contract, and bounds the arithmetic. */
    private static final int MAX_AMOUNT_DIGITS = 15;
    /** A NUMBER attribute: plain decimal notation, bounded, as the rules read it (no exponent). */
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d{1,30}(\\.\\d{1,20})?");

    private final Function<String, Optional<FactKind>> kinds;
    private final java.util.function.Predicate<String> everyContract;

    /** A validator for contracts that buy every domain, or domains none of which applies to every contract. */
    FactValidator(Function<String, Optional<FactKind>> kinds) {
        this(kinds, domain -> false);
    }

    /**
     * @param kinds         the active domains' fact kinds by name
     * @param everyContract whether a domain applies to every contract, whatever services it buys
     */
    FactValidator(Function<String, Optional<FactKind>> kinds, java.util.function.Predicate<String> everyContract) {
        this.kinds = kinds;
        this.everyContract = everyContract;
    }

    List<Fact> validate(Contract contract, List<Map<String, Object>> batch, String user, LocalDate today) {
        return validate(contract, batch, user, today, endOf(today));
    }

    /** @param latest the latest time a fact may carry: now (and a few minutes' clock skew), or the end of a fixed day */
    List<Fact> validate(Contract contract, List<Map<String, Object>> batch, String user, LocalDate today,
                        LocalDateTime latest) {
        Checked checked = check(contract, batch, user, today, latest);
        if (!checked.problems().isEmpty()) {
            throw new InvalidInputException("事实校验失败：" + checked.problems().size() + " 处错误，整批未保存", checked.problems());
        }
        return checked.facts();
    }

    /**
     * The facts of a batch, each or null where it has a problem, and every problem.
     *
     * @param facts one per submitted item, in order; null for an item with a problem of its own
     */
    record Checked(List<Fact> facts, List<FactProblem> problems) {
    }

    Checked check(Contract contract, List<Map<String, Object>> batch, String user, LocalDate today) {
        return check(contract, batch, user, today, endOf(today));
    }

    static LocalDateTime endOf(LocalDate day) {
        return day.atTime(java.time.LocalTime.MAX);
    }

    Checked check(Contract contract, List<Map<String, Object>> batch, String user, LocalDate today, LocalDateTime latest) {
        List<FactProblem> problems = new ArrayList<>();
        List<Fact> facts = new ArrayList<>(batch.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Map<String, Object> raw = batch.get(i);
            if (raw == null) {
                problems.add(new FactProblem(i, "$", "应为 JSON 对象，收到 null"));
                facts.add(null);
                continue;
            }
            int before = problems.size();
            Fact f = one(contract, i, raw, user, today, latest, problems);
            if (f != null && problems.size() == before) {
                Integer first = seen.putIfAbsent(f.getId(), i);
                if (first != null && !f.sameContentAs(facts.get(first))) {
                    problems.add(new FactProblem(i, "id", "与第 " + first + " 条事实 id 相同但内容不同"));
                }
                facts.add(f);
            } else {
                facts.add(null);
            }
        }
        return new Checked(java.util.Collections.unmodifiableList(facts), problems);
    }

    private Fact one(Contract contract, int i, Map<String, Object> raw, String user, LocalDate today,
                     LocalDateTime latest, List<FactProblem> problems) {
        for (String field : raw.keySet()) {
            if (!FIELDS.contains(field)) {
                problems.add(new FactProblem(i, field, "未知字段；允许的字段: " + FIELDS.stream().sorted().toList()));
            }
        }
        String kindName = string(raw, "kind", i, problems, true);
        if (kindName == null) {
            return null;
        }
        Optional<FactKind> found = kinds.apply(kindName);
        if (found.isEmpty()) {
            problems.add(new FactProblem(i, "kind", "未知事实类型 '" + kindName + "'：没有已加载的领域 bundle 声明它"));
            return null;
        }
        FactKind kind = found.get();
        if (!contract.buys(kind.domain()) && !everyContract.test(kind.domain())) {
            problems.add(new FactProblem(i, "kind", "合同 " + contract.id() + " 未购买服务领域 '" + kind.domain() + "'，不接收其事实类型 '"
                    + kindName + "'；合同所购服务：" + contract.services().stream().map(s -> s.domain()).toList()));
            return null;
        }
        String domain = string(raw, "domain", i, problems, false);
        if (domain != null && !domain.equals(kind.domain())) {
            problems.add(new FactProblem(i, "domain", "事实类型 '" + kindName + "' 属于领域 '" + kind.domain() + "'，不是 '" + domain + "'"));
        }
        String id = string(raw, "id", i, problems, false);
        if (id != null && !ID.matcher(id).matches()) {
            problems.add(new FactProblem(i, "id", "只能包含字母、数字和 . _ : / -，以字母或数字开头，最长 128 个字符"));
        }
        LocalDateTime time = dateTime(raw.get("time"), "time", i, problems);
        LocalDate date = date(raw.get("date"), "date", i, problems);
        if (date == null && time != null) {
            date = time.toLocalDate();
        }
        if (date == null && !raw.containsKey("date")) {
            problems.add(new FactProblem(i, "date", "必填，格式 yyyy-MM-dd（或给出 time）"));
        }
        if (date != null) {
            if (date.isAfter(today)) {
                problems.add(new FactProblem(i, "date", "日期 " + date + " 晚于今天 " + today + "：不接受未来的事实"));
            } else if (date.isBefore(contract.periodStart().minusDays(DAYS_BEFORE_PERIOD))) {
                problems.add(new FactProblem(i, "date", "日期 " + date + " 早于服务期开始日 " + contract.periodStart() + " 一年以上"));
            }
        }
        if (time != null && date != null && !time.toLocalDate().equals(date)) {
            problems.add(new FactProblem(i, "time", "time 的日期 " + time.toLocalDate() + " 与 date " + date + " 不一致"));
        } else if (time != null && time.isAfter(latest) && (date == null || !date.isAfter(today))) {
            problems.add(new FactProblem(i, "time", "时间 " + time + " 晚于当前时间 " + latest.withNano(0) + "：不接受未来的事实"));
        }
        if (kind.timeRequired() && time == null && !raw.containsKey("time")) {
            problems.add(new FactProblem(i, "time", "此类事实必须给出 time，格式 yyyy-MM-ddTHH:mm[:ss]"));
        }
        String subject = string(raw, "subject", i, problems, kind.subjectRequired());
        if (subject != null && !kind.subjectValues().isEmpty() && !kind.subjectValues().contains(subject)) {
            problems.add(new FactProblem(i, "subject", "取值 '" + subject + "' 不允许，应为 " + sorted(kind.subjectValues())));
        }
        String status = string(raw, "status", i, problems, !kind.statusValues().isEmpty());
        if (status != null) {
            if (kind.statusValues().isEmpty()) {
                problems.add(new FactProblem(i, "status", "此类事实没有 status 字段"));
            } else if (!kind.statusValues().contains(status)) {
                problems.add(new FactProblem(i, "status", "取值 '" + status + "' 不允许，应为 " + sorted(kind.statusValues())));
            }
        }
        BigDecimal amount = amount(raw.get("amount"), i, problems);
        if (kind.amountRequired() && amount == null && !raw.containsKey("amount")) {
            problems.add(new FactProblem(i, "amount", "此类事实必须给出金额（元，最多两位小数）"));
        }
        Map<String, String> attributes = attributes(kind, raw.get("attributes"), i, problems);
        if (date == null) {
            return null;
        }
        return Fact.builder().id(id == null ? UUID.randomUUID().toString() : id).contractId(contract.id())
                .domain(kind.domain()).kind(kindName).subject(subject).date(date).time(time).status(status)
                .amount(amount).attributes(attributes).source(user).build();
    }

    private static Map<String, String> attributes(FactKind kind, Object value, int i, List<FactProblem> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value != null && !(value instanceof Map)) {
            problems.add(new FactProblem(i, "attributes", "应为 JSON 对象"));
            return out;
        }
        Map<?, ?> given = value == null ? Map.of() : (Map<?, ?>) value;
        for (Map.Entry<?, ?> e : given.entrySet()) {
            String name = String.valueOf(e.getKey());
            String at = "attributes." + name;
            AttributeSpec spec = kind.attribute(name);
            if (spec == null) {
                problems.add(new FactProblem(i, at, "未知属性；'" + kind.name() + "' 允许的属性: "
                        + kind.attributes().stream().map(AttributeSpec::name).sorted().toList()));
                continue;
            }
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            if (v instanceof Map || v instanceof List) {
                problems.add(new FactProblem(i, at, "应为单个值，不是对象或数组"));
                continue;
            }
            if (v instanceof BigDecimal bd && (bd.scale() > 20 || bd.precision() - bd.scale() > 30)) {
                // before toPlainString: 1e999999999 would be a billion digits
                problems.add(new FactProblem(i, at, "数字超出范围（整数部分最多 30 位，小数最多 20 位）"));
                continue;
            }
            String text = v instanceof BigDecimal bd ? bd.toPlainString() : String.valueOf(v);
            if (text.length() > MAX_TEXT) {
                problems.add(new FactProblem(i, at, "超过 " + MAX_TEXT + " 个字符"));
                continue;
            }
            String bad = switch (spec.type()) {
                case NUMBER -> NUMBER.matcher(text).matches() ? null
                        : isNumber(text) ? "数字超出范围或不是十进制写法（整数部分最多 30 位，小数最多 20 位，不用科学计数法）" : "应为数字";
                case DATE -> parses(() -> LocalDate.parse(text)) ? null : "应为日期 yyyy-MM-dd";
                case DATETIME -> parses(() -> LocalDateTime.parse(text)) ? null : "应为日期时间 yyyy-MM-ddTHH:mm[:ss]";
                case BOOLEAN -> text.equals("true") || text.equals("false") ? null : "应为 true 或 false";
                case TEXT -> Texts.problem(text);
            };
            if (bad == null && !spec.values().isEmpty() && !spec.values().contains(text)) {
                bad = "取值 '" + text + "' 不允许，应为 " + sorted(spec.values());
            }
            if (bad != null) {
                problems.add(new FactProblem(i, at, bad));
            } else {
                out.put(name, text);
            }
        }
        for (AttributeSpec spec : kind.attributes()) {
            if (spec.required() && given.get(spec.name()) == null) {
                problems.add(new FactProblem(i, "attributes." + spec.name(), "必填"));
            }
        }
        return out;
    }

    private static String string(Map<String, Object> raw, String field, int i, List<FactProblem> problems,
                                 boolean required) {
        Object v = raw.get(field);
        if (v == null) {
            if (required) {
                problems.add(new FactProblem(i, field, "必填"));
            }
            return null;
        }
        if (!(v instanceof String s)) {
            problems.add(new FactProblem(i, field, "应为字符串"));
            return null;
        }
        if (s.isBlank()) {
            problems.add(new FactProblem(i, field, required ? "必填，不能为空" : "不能为空字符串（不需要时请省略）"));
            return null;
        }
        if (s.length() > MAX_TEXT) {
            problems.add(new FactProblem(i, field, "超过 " + MAX_TEXT + " 个字符"));
            return null;
        }
        String bad = Texts.problem(s);
        if (bad != null) {
            problems.add(new FactProblem(i, field, bad));
            return null;
        }
        return s;
    }

    private static LocalDate date(Object v, String field, int i, List<FactProblem> problems) {
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse((String) v);
        } catch (ClassCastException | DateTimeParseException e) {
            problems.add(new FactProblem(i, field, "日期格式应为 yyyy-MM-dd，收到 '" + v + "'"));
            return null;
        }
    }

    private static LocalDateTime dateTime(Object v, String field, int i, List<FactProblem> problems) {
        if (v == null) {
            return null;
        }
        try {
            return LocalDateTime.parse((String) v);
        } catch (ClassCastException | DateTimeParseException e) {
            problems.add(new FactProblem(i, field, "日期时间格式应为 yyyy-MM-ddTHH:mm[:ss]（北京时间），收到 '" + v + "'"));
            return null;
        }
    }

    private static BigDecimal amount(Object v, int i, List<FactProblem> problems) {
        if (v == null) {
            return null;
        }
        try {
            BigDecimal d = v instanceof BigDecimal b ? b : new BigDecimal(String.valueOf(v));
            if (d.precision() - d.scale() > MAX_AMOUNT_DIGITS) {
                problems.add(new FactProblem(i, "amount", "金额过大：整数部分最多 " + MAX_AMOUNT_DIGITS + " 位（元）"));
                return null;
            }
            if (d.scale() > 2 && d.stripTrailingZeros().scale() > 2) {
                problems.add(new FactProblem(i, "amount", "金额最多两位小数（精确到分），收到 " + d.toPlainString()));
                return null;
            }
            if (d.signum() < 0) {
                problems.add(new FactProblem(i, "amount", "金额不能为负数"));
                return null;
            }
            return d.setScale(2);
        } catch (NumberFormatException e) {
            problems.add(new FactProblem(i, "amount", "应为数字（元），收到 '" + v + "'"));
            return null;
        }
    }

    private static boolean isNumber(String s) {
        try {
            new BigDecimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean parses(Runnable r) {
        try {
            r.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
