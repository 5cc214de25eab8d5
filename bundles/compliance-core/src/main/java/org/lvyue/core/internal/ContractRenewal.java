package org.lvyue.core.internal;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.contract.Renewal;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.InvalidInputException;

/**
 * Next year's contract definition made from this one (续签). What the renewal names is new (id, period, amount,
 * signing date, award notice); the definition is version 1 and names the contract it renews ({@value #RENEWED_FROM});
 * every dated term ({@code terms.payment.dueBy}, {@code terms.performanceBond.validUntil}) moves by the period's
 * shift, counted in years, months and days so that a month's end stays a month's end; everything else (parties,
 * services and their parameters, terms, interpretations with their reasons, clause texts) is carried over as it is.
 */
final class ContractRenewal {
    /** The field of a definition naming the contract it renews. */
    static final String RENEWED_FROM = "renewedFrom";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final WorkingCalendar calendar;

    ContractRenewal(WorkingCalendar calendar) {
        this.calendar = calendar;
    }

    /**
     * The new definition, as JSON text.
     *
     * @param previous the renewed contract's definition as stored
     * @throws InvalidInputException naming each refused field of the renewal
     */
    String renew(String previous, Renewal r) {
        ObjectNode old = parse(previous);
        check(old, r);
        ObjectNode next = old.deepCopy();
        next.put("id", r.id());
        next.put("version", 1);
        next.put(RENEWED_FROM, old.path("id").asText());
        next.put("periodStart", r.periodStart().toString());
        next.put("periodEnd", r.periodEnd().toString());
        next.put("amount", r.amount().setScale(2).toPlainString());
        next.put("signedOn", r.signedOn().toString());
        if (r.awardNoticeOn() != null) {
            next.put("awardNoticeOn", r.awardNoticeOn().toString());
        } else {
            next.remove("awardNoticeOn");
        }
        if (old.hasNonNull("source")) {
            next.put("source", "由合同 " + old.path("id").asText() + " 续签生成；原合同依据：" + old.path("source").asText());
        }
        Period shift = Period.between(LocalDate.parse(old.path("periodStart").asText()), r.periodStart());
        JsonNode terms = next.get("terms");
        if (terms != null && terms.isObject()) {
            for (GeneralTermsSchema.TermSpec spec : GeneralTermsSchema.TERMS) {
                JsonNode t = terms.get(spec.name());
                if (t == null || !t.isObject()) {
                    continue;
                }
                for (Map.Entry<String, GeneralTermsSchema.Type> field : spec.fields().entrySet()) {
                    JsonNode v = t.get(field.getKey());
                    if (field.getValue() == GeneralTermsSchema.Type.DATE && v != null && v.isValueNode() && !v.isNull()) {
                        ((ObjectNode) t).put(field.getKey(), LocalDate.parse(v.asText()).plus(shift).toString());
                    }
                }
            }
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(next);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void check(ObjectNode old, Renewal r) {
        List<FactProblem> problems = new ArrayList<>();
        if (r.id() == null || !ID.matcher(r.id()).matches()) {
            problems.add(new FactProblem(-1, "id", "必填：新合同编号，只能包含小写字母、数字和连字符，2-64 个字符"));
        } else if (r.id().equals(old.path("id").asText())) {
            problems.add(new FactProblem(-1, "id", "新合同编号须与所续签的合同不同"));
        }
        required(r.periodStart(), "periodStart", problems);
        required(r.periodEnd(), "periodEnd", problems);
        required(r.signedOn(), "signedOn", problems);
        if (r.amount() == null) {
            problems.add(new FactProblem(-1, "amount", "必填：新合同金额（元）"));
        } else if (r.amount().signum() <= 0 || r.amount().stripTrailingZeros().scale() > 2) {
            problems.add(new FactProblem(-1, "amount", "合同金额必须为正数，最多两位小数（元，精确到分）"));
        }
        if (r.periodStart() != null && r.periodEnd() != null) {
            LocalDate oldEnd = LocalDate.parse(old.path("periodEnd").asText());
            if (r.periodEnd().isBefore(r.periodStart())) {
                problems.add(new FactProblem(-1, "periodEnd", "服务期结束日早于开始日"));
            } else if (!r.periodStart().isAfter(oldEnd)) {
                problems.add(new FactProblem(-1, "periodStart", "续签的服务期须在原合同服务期（至 " + oldEnd + "）之后开始"));
            } else {
                TreeSet<Integer> missing = new TreeSet<>();
                for (int y = r.periodStart().getYear(); y <= r.periodEnd().getYear(); y++) {
                    if (!calendar.years().contains(y)) {
                        missing.add(y);
                    }
                }
                if (!missing.isEmpty()) {
                    problems.add(new FactProblem(-1, "periodEnd", "工作日历缺少 " + joinYears(missing)
                            + " 年的数据，无法按工作日计算新服务期的期限；现有年份：" + calendar.years() + "。请先补充国务院当年节假日安排。"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("续签请求有 " + problems.size() + " 处错误", problems);
        }
    }

    private static String joinYears(TreeSet<Integer> years) {
        return String.join("、", years.stream().map(String::valueOf).toList());
    }

    private static void required(LocalDate d, String field, List<FactProblem> problems) {
        if (d == null) {
            problems.add(new FactProblem(-1, field, "必填，格式 yyyy-MM-dd"));
        }
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored definition is not JSON", e);
        }
    }
}
