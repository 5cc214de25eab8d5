package org.lvyue.rules.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.assessment.MonthlyAttainment;
import org.lvyue.api.assessment.QuarterlyAssessment.SupportLine;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.spi.MonthlyReportSections;
import org.lvyue.api.spi.ReportSection;

/** The support bundle's monthly-report sections, as values (the PDF is compliance-reports' to test). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SupportReportTest {
    private static final LocalDate JULY_1 = LocalDate.of(2022, 7, 1);
    private static final LocalDate JULY_31 = LocalDate.of(2022, 7, 31);

    private static MonthlyReportSections.Month july(List<Fact> requests) {
        MonthlyAttainment m = new MonthlyAttainment("c", "2022-07", JULY_1, JULY_31, LocalDate.of(2022, 8, 10), List.of(),
                new SupportLine(requests.size(), 0, 0, 100.0), 1);
        return new MonthlyReportSections.Month("c", "support", m, (kind, from, to) -> kind.equals("support.request") ? requests : List.of());
    }

    private static Fact request(int i) {
        LocalDateTime at = JULY_1.atTime(9, 0).plusMinutes(i);
        return Fact.builder().id("r" + i).contractId("c").domain("support").kind("support.request").subject("T-" + i)
                .date(at.toLocalDate()).time(at).source("t").build();
    }

    @Test
    void a_month_with_more_tickets_than_the_pdf_lists_lists_the_first_and_says_how_many_there_were() {
        List<Fact> requests = IntStream.range(0, SupportReport.TICKET_ROWS + 5).mapToObj(SupportReportTest::request).toList();
        ReportSection tickets = new SupportReport().sections(july(requests)).get(1);
        assertEquals(SupportReport.TICKET_ROWS, tickets.rows().size());
        assertEquals("本月 205 张，列出前 200 张；全部见 REST 接口。", tickets.note());
        assertEquals(java.util.Arrays.asList("T-0", null, "2022-07-01 09:00", "无记录", "无记录"), tickets.rows().get(0), "a ticket without a site");
    }

    @Test
    void the_sla_figures_come_from_the_months_attainment_and_a_quiet_month_says_so() {
        List<ReportSection> sections = new SupportReport().sections(july(List.of()));
        assertEquals(List.of("受理工单", "0"), sections.get(0).rows().get(0));
        assertEquals(ReportSection.Layout.KEY_VALUE, sections.get(0).layout());
        assertEquals("本月没有技术支持工单。", sections.get(1).note());
    }
}
