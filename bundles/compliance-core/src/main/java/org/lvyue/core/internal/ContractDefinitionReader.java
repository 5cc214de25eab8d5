package org.lvyue.core.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Party;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.InvalidInputException;

/** Reads a contract definition document and refuses it, with every problem listed, when it is not usable. */
final class ContractDefinitionReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");

    private ContractDefinitionReader() {
    }

    static Contract read(String json) {
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
        String id = text(root, "id", problems);
        if (id != null && !ID.matcher(id).matches()) {
            problems.add(new FactProblem(-1, "id", "只能包含小写字母、数字和连字符，2-64 个字符"));
        }
        int version = root.path("version").asInt(0);
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
        Party client = party(root, "client", problems);
        Party supplier = party(root, "supplier", problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("合同定义有 " + problems.size() + " 处错误", problems);
        }
        return new Contract(id, version, name, root.path("number").asText(""), root.path("procurementNo").asText(""),
                client, supplier, amount.setScale(2), start, end, signed);
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

    private static Party party(JsonNode root, String field, List<FactProblem> problems) {
        JsonNode p = root.get(field);
        if (p == null || !p.isObject() || p.path("name").asText("").isBlank()) {
            problems.add(new FactProblem(-1, field + ".name", "必填"));
            return null;
        }
        return new Party(p.path("role").asText(null), p.path("name").asText(), p.path("address").asText(null));
    }
}
