package org.lvyue.rules.support;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lvyue.api.assessment.QuarterlyAssessment.SupportLine;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.assessment.QuarterlyAssessment;
import org.lvyue.api.spi.MonthlyReportSections;
import org.lvyue.api.spi.QuarterlyReportSections;
import org.lvyue.api.spi.ReportSection;
import org.osgi.service.component.annotations.Component;

/**
 * The support SLA and its tickets (技术支持) in the support domain's monthly report: the month's response
 * figures, then each ticket with its call-back and on-site times; and the quarter's response figures in the
 * quarterly assessment report.
 */
@Component(service = {MonthlyReportSections.class, QuarterlyReportSections.class},
        property = MonthlyReportSections.DOMAINS + "=support")
public class SupportReport implements MonthlyReportSections, QuarterlyReportSections {
    /** A month can hold thousands of tickets; the PDF lists this many, the REST API all. */
    static final int TICKET_ROWS = 200;

    @Override
    public List<ReportSection> sections(Month m) {
        SupportLine support = m.attainment().support();
        Map<String, String> sla = new LinkedHashMap<>();
        sla.put("受理工单", String.valueOf(support.requests()));
        sla.put("电话响应超时（1 小时）", String.valueOf(support.phoneLate()));
        sla.put("现场响应超时（2 小时，郊区 4 小时）", String.valueOf(support.onsiteLate()));
        sla.put("全部目标达成率", support.attainment() + "%");
        List<Fact> requests = m.facts().of("support.request", m.from(), m.to());
        // a call or visit may come the day after a request of the month's last evening
        Map<String, Fact> contact = first(m.facts().of("support.contact", m.from(), m.to().plusDays(1)));
        Map<String, Fact> onsite = first(m.facts().of("support.onsite", m.from(), m.to().plusDays(1)));
        List<List<String>> rows = new ArrayList<>();
        for (Fact r : requests.stream().limit(TICKET_ROWS).toList()) {
            Fact c = contact.get(r.getSubject());
            Fact o = onsite.get(r.getSubject());
            rows.add(ReportSection.row(r.getSubject(), r.attr("site"), time(r),
                    c == null ? "无记录" : time(c) + "（" + minutes(r, c) + "）",
                    o == null ? (c != null && "resolved".equals(c.getStatus()) ? "电话解决" : "无记录") : time(o) + "（" + minutes(r, o) + "）"));
        }
        String note = requests.size() > TICKET_ROWS ? "本月 " + requests.size() + " 张，列出前 " + TICKET_ROWS + " 张；全部见 REST 接口。"
                : requests.isEmpty() ? "本月没有技术支持工单。" : "本月全部工单，括号内为距受理的时长。";
        return List.of(ReportSection.keyValue("技术支持服务响应", "附件三 x.x.6：7x24 小时服务。", sla),
                ReportSection.table("技术支持工单明细", note, List.of("工单", "站点", "受理时间", "电话响应", "现场到达"), rows));
    }

    @Override
    public Map<String, String> verdictLines(QuarterlyAssessment a) {
        return Map.of("技术支持响应达标率", a.support().attainment() + "%（工单 " + a.support().requests() + " 张）");
    }

    @Override
    public List<ReportSection> sections(QuarterlyAssessment a) {
        Map<String, String> support = new LinkedHashMap<>();
        support.put("受理工单", String.valueOf(a.support().requests()));
        support.put("电话响应超时", String.valueOf(a.support().phoneLate()));
        support.put("现场响应超时", String.valueOf(a.support().onsiteLate()));
        support.put("全部目标达成率", a.support().attainment() + "%");
        return List.of(ReportSection.keyValue("技术支持服务响应（附件三 x.x.6）", "电话 1 小时内响应，现场 2 小时（郊区 4 小时）内到达。",
                support));
    }

    /** Per ticket, its earliest fact. */
    private static Map<String, Fact> first(List<Fact> facts) {
        Map<String, Fact> first = new LinkedHashMap<>();
        for (Fact f : facts) {
            first.merge(f.getSubject(), f, (a, b) -> at(b).isBefore(at(a)) ? b : a);
        }
        return first;
    }

    private static LocalDateTime at(Fact f) {
        return f.getTime() != null ? f.getTime() : f.getDate().atStartOfDay();
    }

    private static String time(Fact f) {
        return at(f).toString().replace('T', ' ');
    }

    private static String minutes(Fact from, Fact to) {
        long minutes = Duration.between(at(from), at(to)).toMinutes();
        return minutes < 60 ? minutes + " 分钟" : minutes / 60 + " 小时 " + minutes % 60 + " 分钟";
    }
}
