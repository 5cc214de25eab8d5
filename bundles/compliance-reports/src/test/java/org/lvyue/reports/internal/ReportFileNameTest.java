package org.lvyue.reports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReportFileNameTest {
    @Test
    void a_report_file_name_stays_one_name_whatever_the_ids_in_it_hold() {
        assertEquals("bj-hrss-2022-support-月报-2022-07.pdf", DefaultReportService.safeFileName("bj-hrss-2022-support-月报-2022-07.pdf"));
        assertEquals("bj-.._.._etc-月报-2022-07.pdf", DefaultReportService.safeFileName("bj-../../etc-月报-2022-07.pdf"));
        assertEquals("_._x_y.pdf", DefaultReportService.safeFileName("../x\\y.pdf"));
        assertEquals("a__b_c.pdf", DefaultReportService.safeFileName("a\r\nb\"c.pdf"));
    }
}
