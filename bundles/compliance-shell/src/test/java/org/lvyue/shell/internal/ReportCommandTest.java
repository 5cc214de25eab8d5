package org.lvyue.shell.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.console.Session;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.access.Membership;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Party;
import org.lvyue.api.report.InspectionSubmission;
import org.lvyue.api.report.Report;
import org.lvyue.api.report.ReportService;
import org.lvyue.api.service.IngestResult;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.service.NotFoundException;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.testing.FakeContracts;
import org.lvyue.testing.FakeParties;

class ReportCommandTest {
    @TempDir
    Path dir;

    private final FakeContracts contracts = Sample.contracts();
    private final Reports reports = new Reports();

    /** Renders nothing: a report of a few bytes named after its request; remembers what it was asked. */
    static final class Reports implements ReportService {
        final List<String> asked = new ArrayList<>();

        private Report report(String id, String file) {
            asked.add(id);
            byte[] pdf = ("%PDF-1.7\n" + id + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
            return new Report(Sample.ID + "/" + id, file, "季度运维服务质量考核报告", Sample.TODAY, pdf, "ab12cd",
                    new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, "f00d", 3, List.of("org.lvyue.domain-support 0.1.0"), 4);
        }

        @Override
        public Report quarterly(String contractId, String quarter) {
            if (!quarter.matches("\\d{4}-Q[1-4]")) {
                throw new InvalidInputException("参数 quarter 有误", List.of(new FactProblem(-1, "quarter", "应为 2022-Q3 这样的季度")));
            }
            return report("quarterly/" + quarter, contractId + "-季度考核-" + quarter + ".pdf");
        }

        @Override
        public Report monthly(String contractId, String domain, String month) {
            if (!domain.equals("support")) {
                throw new NotFoundException("未知服务领域：" + domain + "；可选：support");
            }
            return report("monthly/" + domain + "/" + month, contractId + "-" + domain + "-" + month + ".pdf");
        }

        @Override
        public Report ledger(String contractId, LocalDate asOf) {
            return report("ledger/" + asOf, contractId + "-ledger.pdf");
        }

        @Override
        public Report settlement(String contractId) {
            throw new NotFoundException("合同 " + contractId + " 未解除：没有 termination.effective（合同解除生效）事实");
        }

        @Override
        public Report daily(String contractId, String domain, String day) {
            return report("daily/" + domain + "/" + day, contractId + "-" + domain + "-检查运维单-" + day + ".pdf");
        }

        @Override
        public Report weekly(String contractId, String domain, String isoWeek) {
            return report("weekly/" + domain + "/" + isoWeek, contractId + "-" + domain + "-周检查记录单-" + isoWeek + ".pdf");
        }

        @Override
        public Report records(String contractId, String domain, String month) {
            return report("records/" + domain + "/" + month, contractId + "-" + domain + "-月度检查记录单-" + month + ".pdf");
        }

        @Override
        public Report inspection(String contractId, String month) {
            return report("inspection/" + month, contractId + "-巡检报告-" + month + ".pdf");
        }

        /** Who submitted which month, in order; the same month again the same day stores nothing. */
        final List<String> submitted = new ArrayList<>();

        @Override
        public InspectionSubmission submitInspection(String contractId, String month, String user) {
            boolean again = submitted.contains(month + " " + user);
            submitted.add(month + " " + user);
            Report r = inspection(contractId, month);
            return new InspectionSubmission(r, "terms.monthly-inspection-report", "inspection-report:" + month + ":" + Sample.TODAY,
                    new IngestResult(7, 1, again ? 0 : 1, again ? List.of("inspection-report:" + month + ":" + Sample.TODAY) : List.of(),
                            0, 1, 0, 3, null));
        }
    }

    private ReportCommand command(String kind, String period) {
        ReportCommand c = new ReportCommand();
        c.contracts = contracts;
        c.reports = reports;
        c.contractId = Sample.ID;
        c.kind = kind;
        c.period = period;
        return c;
    }

    @Test
    @DisplayName("writes the PDF and its signature to files and prints the path, pages, size and SHA-256")
    void writesThePdfAndSignature() throws Exception {
        ReportCommand c = command("quarterly", "2022-Q3");
        c.outFile = dir.resolve("q3.pdf").toString();
        c.withSignature = true;
        String out = Run.output(c);
        Path pdf = dir.resolve("q3.pdf");
        assertTrue(new String(Files.readAllBytes(pdf), StandardCharsets.UTF_8).startsWith("%PDF-"));
        assertArrayEquals(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, Files.readAllBytes(dir.resolve("q3.pdf.p7s")));
        assertTrue(out.contains(pdf.toString()) && out.contains(dir.resolve("q3.pdf.p7s").toString()), out);
        assertTrue(out.contains("页数 (pages)") && out.contains("| 4"), out);
        assertTrue(out.contains(Files.size(pdf) + " 字节 (bytes)") && out.contains("ab12cd"), out);
        assertTrue(out.contains("bj-hrss-2022/quarterly/2022-Q3"), out);
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    @DisplayName("--out naming a directory gets the report's own file name; without --with-signature no .p7s is written")
    void outDirectoryGetsTheReportsFileName() throws Exception {
        ReportCommand c = command("monthly", "2022-07");
        c.domain = "support";
        c.outFile = dir.toString();
        Run.output(c);
        assertTrue(Files.exists(dir.resolve("bj-hrss-2022-support-2022-07.pdf")));
        assertFalse(Files.exists(dir.resolve("bj-hrss-2022-support-2022-07.pdf.p7s")));
    }

    @Test
    @DisplayName("the 运维单 and the record sheets of a service take its day, ISO week or month and --domain; the 巡检报告 a month")
    void checkSheetsOfAServiceAndTheMonthlyInspectionReport() throws Exception {
        for (String[] k : new String[][] {{"daily", "2022-07-05"}, {"weekly", "2022-W27"}, {"records", "2022-07"}}) {
            ReportCommand c = command(k[0], k[1]);
            c.domain = "identity-auth";
            c.outFile = dir.toString();
            Run.output(c);
        }
        ReportCommand inspection = command("inspection", "2022-07");
        inspection.outFile = dir.toString();
        String out = Run.output(inspection);
        assertEquals(List.of("daily/identity-auth/2022-07-05", "weekly/identity-auth/2022-W27", "records/identity-auth/2022-07",
                "inspection/2022-07"), reports.asked);
        assertTrue(Files.exists(dir.resolve("bj-hrss-2022-identity-auth-检查运维单-2022-07-05.pdf")));
        assertTrue(out.contains("bj-hrss-2022-巡检报告-2022-07.pdf"), out);
        assertTrue(Run.refusal(command("daily", "2022-07-05")).startsWith("daily 报告需要 --domain"));
        assertTrue(Run.refusal(command("weekly", null)).contains("2022-W27"));
        ReportCommand domainOnInspection = command("inspection", "2022-07");
        domainOnInspection.domain = "identity-auth";
        assertTrue(Run.refusal(domainOnInspection).startsWith("--domain 只用于"));
    }

    /** The demo contract with its parties' organisations: bj-hrss the client, gxbf the supplier. */
    private static Contract withOrganisations() {
        Contract c = Sample.contract();
        return new Contract(c.id(), c.version(), c.name(), c.number(), c.procurementNo(),
                new Party("甲方", c.client().name(), null, "bj-hrss"), new Party("乙方", c.supplier().name(), null, "gxbf"),
                c.amount(), c.periodStart(), c.periodEnd(), c.signedOn());
    }

    /** A shell session of {@code user} (Karaf's {@code USER} property), nothing else. */
    private static Session as(String user) {
        return (Session) Proxy.newProxyInstance(ReportCommandTest.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, m, args) -> m.getName().equals("get") && "USER".equals(args[0]) ? user : null);
    }

    private ReportCommand submission(String month, String user, FakeParties parties, Contract contract) {
        ReportCommand c = command("inspection", month);
        c.contracts = new FakeContracts(Sample.TODAY, contract);
        c.parties = parties;
        c.submit = true;
        c.outFile = dir.toString();
        c.session = as(user);
        return c;
    }

    @Test
    @DisplayName("--submit: the supplier's engineer or admin submits the 巡检报告 (again the same day stores nothing); the client's admin, an evaluator and the operator are refused in Chinese and nothing is submitted")
    void theSupplierSideSubmitsTheInspectionReport() throws Exception {
        FakeParties parties = new FakeParties();
        parties.members.addAll(List.of(new Membership("engineer", "gxbf", "engineer"), new Membership("gxbf-admin", "gxbf", "admin"),
                new Membership("admin", "bj-hrss", "admin"), new Membership("evaluator", "bj-bdc", "evaluator"),
                new Membership("hrss-engineer", "bj-hrss", "engineer")));
        Contract contract = withOrganisations();

        String out = Run.output(submission("2022-07", "engineer", parties, contract));
        assertTrue(out.contains("已提交 (submitted)：事实 inspection-report:2022-07:" + Sample.TODAY), out);
        assertTrue(out.contains("bj-hrss-2022-巡检报告-2022-07.pdf"), out);
        String again = Run.output(submission("2022-07", "engineer", parties, contract));
        assertTrue(again.contains("今日已提交过，未重复记录"), again);
        Run.output(submission("2022-08", "gxbf-admin", parties, contract));
        assertEquals(List.of("2022-07 engineer", "2022-07 engineer", "2022-08 gxbf-admin"), reports.submitted);

        for (String user : List.of("admin", "evaluator", "hrss-engineer", "nobody")) {
            String refused = Run.refusal(submission("2022-09", user, parties, contract));
            assertTrue(refused.startsWith("巡检报告由乙方（北京国信博飞科技发展有限公司）提交给甲方：只有乙方机构的工程师或管理员可以提交，用户 '"
                    + user + "' 不是"), refused);
        }
        assertEquals(3, reports.submitted.size(), "nothing more submitted");
        // without organisations on the contract nobody is its supplier's
        assertTrue(Run.refusal(submission("2022-09", "engineer", parties, Sample.contract())).contains("只有乙方机构"));
        ReportCommand notInspection = command("quarterly", "2022-Q3");
        notInspection.submit = true;
        assertTrue(Run.refusal(notInspection).startsWith("--submit 只用于 inspection"));
        assertEquals(3, reports.submitted.size());
    }

    @Test
    @DisplayName("the ledger statement takes its day as the period, today when absent")
    void ledgerTakesADay() throws Exception {
        ReportCommand c = command("ledger", "2023-03-15");
        c.outFile = dir.toString();
        Run.output(c);
        ReportCommand today = command("ledger", null);
        today.outFile = dir.toString();
        Run.output(today);
        assertEquals(List.of("ledger/2023-03-15", "ledger/null"), reports.asked);
    }

    @Test
    @DisplayName("refuses an incomplete request before rendering anything, saying what is missing")
    void refusesBeforeRendering() {
        assertTrue(Run.refusal(command("yearly", "2022")).startsWith("报告种类 (kind) 'yearly' 无效，应为 quarterly、monthly、ledger、settlement"));
        assertTrue(Run.refusal(command("quarterly", null)).contains("2022-Q3"));
        assertTrue(Run.refusal(command("monthly", "2022-07")).startsWith("monthly 报告需要 --domain"));
        ReportCommand domainOnQuarterly = command("quarterly", "2022-Q3");
        domainOnQuarterly.domain = "support";
        assertTrue(Run.refusal(domainOnQuarterly).startsWith("--domain 只用于 monthly"));
        assertTrue(Run.refusal(command("settlement", "2022")).contains("没有期间"));
        assertTrue(Run.refusal(command("ledger", "2023-13-01")).contains("yyyy-MM-dd"));
        ReportCommand unknown = command("quarterly", "2022-Q3");
        unknown.contractId = "nope";
        assertTrue(Run.refusal(unknown).startsWith("合同 'nope' 不存在"));
        assertEquals(List.of(), reports.asked);
    }

    @Test
    @DisplayName("the report service's own refusals (bad quarter, unknown domain, no termination) become one line")
    void serviceRefusalsBecomeOneLine() throws Exception {
        ReportCommand quarter = command("quarterly", "2022-Q9");
        assertEquals("参数 quarter 有误（quarter: 应为 2022-Q3 这样的季度）", Run.refusal(quarter));
        ReportCommand domain = command("monthly", "2022-07");
        domain.domain = "nope";
        assertEquals("未知服务领域：nope；可选：support", Run.refusal(domain));
        assertTrue(Run.refusal(command("settlement", null)).contains("未解除"));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    @DisplayName("says the report service is not running instead of failing obscurely")
    void reportServiceMissing() {
        ReportCommand c = command("quarterly", "2022-Q3");
        c.reports = null;
        assertTrue(Run.refusal(c).startsWith("报告服务未启动"));
    }
}
