package org.lvyue.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.lvyue.api.access.Parties;
import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.report.InspectionSubmission;
import org.lvyue.api.report.Report;
import org.lvyue.api.report.ReportService;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.signing.DocumentSigner;
import org.lvyue.api.signing.SignerIdentity;

/**
 * {@code compliance:report}: renders one of the contract's formal reports with the product's report
 * service, the same PDF the REST API serves, and writes it (and with {@code --with-signature} its
 * detached {@code .p7s}) to a file. The request is checked before anything is rendered; a file is
 * written whole or not at all.
 */
@Service
@Command(scope = "compliance", name = "report", description = "生成正式报告 PDF（季度考核、月度、款项明细、解除结算、检查运维单、记录单、巡检报告）并写入文件，可附签名 .p7s "
        + "(renders a formal report as PDF to a file, optionally with its detached signature)",
        detailedDescription = "kind 与 period：quarterly 2022-Q3（季度运维服务质量考核报告）；monthly 2022-07 --domain support（领域月度服务报告）；"
                + "ledger [yyyy-MM-dd]（违约金、利息与退款明细表，默认今天）；settlement（合同解除结算单，无期间）；"
                + "daily 2022-07-05 --domain identity-auth（检查运维单）；weekly 2022-W27 --domain d（周检查记录单）；"
                + "records 2022-07 --domain d（月度检查记录单）；inspection 2022-07（应用系统巡检报告，一般条款八.3），"
                + "加 --submit 由乙方提交（乙方机构的工程师或管理员），记录该义务所需的 terms.report 事实。\n"
                + "Kinds and periods: quarterly 2022-Q3; monthly 2022-07 with --domain; ledger [as-of day, default today]; "
                + "settlement (no period); daily day, weekly ISO week, records month, each with --domain; inspection month, "
                + "with --submit the supplier (an engineer or admin of its organisation) submits it, recording its report fact.")
public class ReportCommand extends ComplianceAction {
    static final List<String> KINDS = List.of("quarterly", "monthly", "ledger", "settlement", "daily", "weekly", "records",
            "inspection");
    /** The kinds that are of one service (domain). */
    static final List<String> OF_DOMAIN = List.of("monthly", "daily", "weekly", "records");

    @Reference
    Contracts contracts;

    @Reference(optional = true)
    ReportService reports;

    @Reference(optional = true)
    DocumentSigner signer;

    @Reference(optional = true)
    Session session;

    @Reference(optional = true)
    Parties parties;

    @Reference(optional = true)
    ActivityLog activity;

    @Argument(index = 0, name = "contract", required = true, description = "合同编号，如 bj-hrss-2022 (the contract id)")
    @Completion(ContractIdCompleter.class)
    String contractId;

    @Argument(index = 1, name = "kind", required = true, description = "报告种类：quarterly、monthly、ledger、settlement、"
            + "daily、weekly、records 或 inspection (the kind of report)")
    @Completion(value = StringsCompleter.class, values = {"quarterly", "monthly", "ledger", "settlement", "daily", "weekly",
            "records", "inspection"})
    String kind;

    @Argument(index = 2, name = "period", required = false, description = "quarterly：季度如 2022-Q3；monthly、records、inspection："
            + "月份如 2022-07；daily：日期如 2022-07-05；weekly：ISO 周如 2022-W27；ledger：计算日 yyyy-MM-dd，默认今天；"
            + "settlement：不填 (quarter, month, day, ISO week, or the ledger's day; none for settlement)")
    String period;

    @Argument(index = 3, name = ComplianceAction.TRAILING, multiValued = true, description = "选项也可写在参数之后，"
            + "如 bj-hrss-2022 quarterly 2022-Q3 --with-signature (options may also follow the arguments)")
    List<String> trailingOptions;

    @Option(name = "--domain", description = "服务领域，如 support（monthly、daily、weekly、records 必填）"
            + "(the service of a monthly report, a 运维单 or a record sheet)")
    @Completion(DomainIdCompleter.class)
    String domain;

    @Option(name = "--out", description = "写入的文件或目录，默认当前目录下报告的文件名 "
            + "(the file or directory to write to; default: the report's file name in the current directory)")
    @Completion(FileCompleter.class)
    String outFile;

    @Option(name = "--with-signature", description = "同时写出分离签名 <文件>.p7s (also write the detached CMS signature as <file>.p7s)")
    boolean withSignature;

    @Option(name = "--submit", description = "inspection：乙方提交该月巡检报告（乙方机构的工程师或管理员；月份须已结束），记录义务 "
            + "terms.monthly-inspection-report 所需的 terms.report 事实，与 POST …/reports/inspection/{month}/submit 相同 "
            + "(inspection: the supplier submits the month's report, as the REST API does)")
    boolean submit;

    @Override
    void run(PrintStream out) throws Exception {
        String k = kind.trim().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(k)) {
            throw fail("报告种类 (kind) '" + kind + "' 无效，应为 " + String.join("、", KINDS) + " (unknown kind)");
        }
        contract(contracts, contractId);
        String p = period == null || period.isBlank() ? null : period.trim();
        String d = domain == null || domain.isBlank() ? null : domain.trim();
        if (d != null && !OF_DOMAIN.contains(k)) {
            throw fail("--domain 只用于 monthly、daily、weekly、records 报告 (--domain is for a service's reports only)");
        }
        if (submit && !k.equals("inspection")) {
            throw fail("--submit 只用于 inspection（巡检报告）(--submit is for the inspection report only)");
        }
        switch (k) {
            case "quarterly" -> require(p, "季度，如 2022-Q3 (a quarter, e.g. 2022-Q3)");
            case "monthly", "records" -> {
                require(p, "月份，如 2022-07 (a month, e.g. 2022-07)");
                requireDomain(k, d);
            }
            case "daily" -> {
                require(p, "日期，如 2022-07-05 (a day, e.g. 2022-07-05)");
                requireDomain(k, d);
            }
            case "weekly" -> {
                require(p, "ISO 周，如 2022-W27 (an ISO week, e.g. 2022-W27)");
                requireDomain(k, d);
            }
            case "inspection" -> require(p, "月份，如 2022-07 (a month, e.g. 2022-07)");
            case "settlement" -> {
                if (p != null) {
                    throw fail("settlement（合同解除结算单）没有期间，请去掉 '" + p + "' (a settlement takes no period)");
                }
            }
            default -> {
            }
        }
        LocalDate ledgerDay = k.equals("ledger") ? date("period", p, null) : null;
        ReportService rs = reports;
        if (rs == null) {
            throw fail("报告服务未启动（compliance-reports 或签名密钥不可用），请稍后重试或查看日志 "
                    + "(the report service is not running: its bundle or the signing key is unavailable)");
        }
        InspectionSubmission submitted = submit ? submit(p, rs) : null;
        Report report = submitted != null ? submitted.report() : switch (k) {
            case "quarterly" -> rs.quarterly(contractId, p);
            case "monthly" -> rs.monthly(contractId, d, p);
            case "ledger" -> rs.ledger(contractId, ledgerDay);
            case "daily" -> rs.daily(contractId, d, p);
            case "weekly" -> rs.weekly(contractId, d, p);
            case "records" -> rs.records(contractId, d, p);
            case "inspection" -> rs.inspection(contractId, p);
            default -> rs.settlement(contractId);
        };

        Path pdf = target(report.fileName());
        write(pdf, report.pdf());
        Path p7s = null;
        if (withSignature) {
            p7s = pdf.resolveSibling(pdf.getFileName() + ".p7s");
            write(p7s, report.signature());
        }

        out.println("已生成 (generated) " + report.title() + "  " + report.id());
        if (submitted != null) {
            out.println((submitted.intake().stored() > 0 ? "已提交 (submitted)：" : "今日已提交过，未重复记录 (already submitted today)：")
                    + "事实 " + submitted.factId() + "，义务 " + submitted.obligationId() + "，批次 " + submitted.intake().batchId());
        }
        Table facts = Table.of("", "").noHeaders();
        facts.row("文件 (file)", pdf);
        facts.row("页数 (pages)", report.pages());
        facts.row("大小 (size)", String.format(Locale.ROOT, "%,d 字节 (bytes)", report.pdf().length));
        facts.row("SHA-256", report.pdfSha256());
        facts.row("数据日 (as of)", report.asOf());
        facts.row("事实摘要 (facts digest)", report.factsDigest() + "（" + report.factCount() + " 条事实 facts）");
        if (p7s != null) {
            facts.row("签名 (signature)", p7s + "（" + report.signature().length + " 字节 bytes）");
            DocumentSigner s = signer;
            if (s != null) {
                SignerIdentity id = s.signer();
                facts.row("签名密钥 (key)", id.algorithm() + "，证书 SHA-256 (certificate) " + id.certificateSha256()
                        + (id.demo() ? "，演示密钥 (demo key)" : ""));
            }
        }
        facts.print(out, true);
    }

    /**
     * Submits the month's 巡检报告 as the REST API does: only the supplier's side ({@link InspectionSubmission#submittedBy},
     * the shell user's memberships), recorded in the activity trail like the API's submission.
     */
    private InspectionSubmission submit(String month, ReportService rs) throws Exception {
        String user = shellUser(session);
        Parties p = parties;
        if (p == null) {
            throw fail("参与方服务未启动，无法确认提交人所属机构，请稍后重试 (the parties service is not running)");
        }
        Contract c = contracts.contract(contractId);
        if (!InspectionSubmission.submittedBy(c, p.membershipsOf(user))) {
            throw fail(InspectionSubmission.refusal(c, user));
        }
        InspectionSubmission s = rs.submitInspection(contractId, month, user);
        ActivityLog log = activity;
        if (log != null) {
            log.record(user, "shell", ActivityLog.FACTS_IMPORT, contractId, "提交巡检报告 " + s.report().id() + "（事实 " + s.factId()
                    + "，批次 " + s.intake().batchId() + "，存储 " + s.intake().stored() + " 条，重复 "
                    + s.intake().duplicateIds().size() + " 条）");
        }
        return s;
    }

    private static void requireDomain(String kind, String domain) throws Exception {
        if (domain == null) {
            throw fail(kind + " 报告需要 --domain，如 --domain support (a " + kind + " report needs --domain)");
        }
    }

    private static void require(String period, String what) throws Exception {
        if (period == null) {
            throw fail("缺少期间 (period missing)：应为" + what);
        }
    }

    /** Where the PDF goes: {@code --out} (a directory gets the report's file name), relative to the session's directory. */
    private Path target(String fileName) {
        Path base = currentDir(session);
        if (outFile == null || outFile.isBlank()) {
            return base.resolve(fileName).toAbsolutePath().normalize();
        }
        String given = outFile.trim();
        if (given.equals("~") || given.startsWith("~/")) {
            given = System.getProperty("user.home") + given.substring(1);
        }
        Path p = base.resolve(given).toAbsolutePath().normalize();
        return Files.isDirectory(p) ? p.resolve(fileName) : p;
    }

    /** Writes the whole file or leaves what was there: a temporary file beside it, then a rename. */
    static void write(Path file, byte[] bytes) throws Exception {
        Path tmp = null;
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            // not createTempFile: its owner-only permissions would stay on the report
            tmp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
            Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
            throw fail("无法写入 (cannot write) " + file + "：" + e);
        }
    }
}
