package org.lvyue.core.internal;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.InvalidInputException;

/** Reads submitted audit-log entries (parsed JSON objects) field by field, naming every problem. */
final class AuditIntake {
    private static final Set<String> FIELDS = Set.of("id", "at", "user", "address", "action", "resource", "classified",
            "requestId", "system");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final int MAX_TEXT = 500;

    private AuditIntake() {
    }

    /**
     * @param earliest the earliest moment an entry may carry (a year before the service period, as for facts)
     * @param latest   the latest moment an entry may carry (now): a log entry from the future is a clock or collector error
     * @throws InvalidInputException with every problem of every entry, nothing converted
     */
    static List<AuditEvent> read(List<Map<String, Object>> raw, LocalDateTime earliest, LocalDateTime latest) {
        List<FactProblem> problems = new ArrayList<>();
        List<AuditEvent> events = new ArrayList<>(raw.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            Map<String, Object> m = raw.get(i);
            if (m == null) {
                problems.add(new FactProblem(i, "$", "应为 JSON 对象"));
                continue;
            }
            int before = problems.size();
            for (String field : m.keySet()) {
                if (!FIELDS.contains(field)) {
                    problems.add(new FactProblem(i, field, "未知字段；允许的字段: " + new java.util.TreeSet<>(FIELDS)));
                }
            }
            String id = text(m, "id", i, true, problems);
            if (id != null && !ids.add(id)) {
                problems.add(new FactProblem(i, "id", "同一批中重复的 id: " + id));
            }
            LocalDateTime at = null;
            String atText = text(m, "at", i, true, problems);
            if (atText != null) {
                try {
                    at = LocalDateTime.parse(atText);
                    if (at.isAfter(latest)) {
                        problems.add(new FactProblem(i, "at", "时间晚于当前时间（" + latest.withNano(0) + "）: " + atText));
                    } else if (at.isBefore(earliest)) {
                        problems.add(new FactProblem(i, "at", "时间早于服务期开始前一年（" + earliest.toLocalDate() + "）: " + atText));
                    }
                } catch (DateTimeParseException e) {
                    problems.add(new FactProblem(i, "at", "时间格式应为 yyyy-MM-ddTHH:mm:ss: '" + atText + "'"));
                }
            }
            String user = text(m, "user", i, true, problems);
            String address = text(m, "address", i, false, problems);
            if (address != null && !IPV4.matcher(address).matches()) {
                problems.add(new FactProblem(i, "address", "应为 IPv4 地址（如 10.12.3.4）: '" + address + "'"));
            }
            String action = text(m, "action", i, true, problems);
            if (action != null && !AuditEvent.ACTIONS.contains(action)) {
                problems.add(new FactProblem(i, "action", "应为 " + new java.util.TreeSet<>(AuditEvent.ACTIONS) + " 之一: '" + action + "'"));
            }
            String resource = text(m, "resource", i, false, problems);
            String requestId = text(m, "requestId", i, false, problems);
            String system = text(m, "system", i, false, problems);
            Object classified = m.get("classified");
            if (classified != null && !(classified instanceof Boolean)) {
                problems.add(new FactProblem(i, "classified", "应为 true 或 false"));
            }
            if (problems.size() == before) {
                events.add(new AuditEvent(id, at, user, address, action, resource, Boolean.TRUE.equals(classified), requestId, system));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("审计日志校验失败：" + problems.size() + " 处错误，整批未保存", problems);
        }
        return events;
    }

    private static String text(Map<String, Object> m, String field, int index, boolean required, List<FactProblem> problems) {
        Object v = m.get(field);
        if (v == null) {
            if (required) {
                problems.add(new FactProblem(index, field, "必填"));
            }
            return null;
        }
        if (!(v instanceof String s)) {
            problems.add(new FactProblem(index, field, "应为字符串"));
            return null;
        }
        if (s.isBlank()) {
            if (required) {
                problems.add(new FactProblem(index, field, "不能为空"));
            }
            return null;
        }
        if (s.length() > MAX_TEXT) {
            problems.add(new FactProblem(index, field, "过长（最多 " + MAX_TEXT + " 个字符）"));
            return null;
        }
        String bad = Texts.problem(s);
        if (bad != null) {
            problems.add(new FactProblem(index, field, bad));
            return null;
        }
        return s;
    }
}
