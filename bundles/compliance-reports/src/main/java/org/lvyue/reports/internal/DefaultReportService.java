package org.lvyue.reports.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.lvyue.api.assessment.MonthlyAttainment;
import org.lvyue.api.assessment.QuarterlyAssessment;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.ledger.Ledger;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.ledger.Money;
import org.lvyue.api.ledger.Payer;
import org.lvyue.api.report.Report;
import org.lvyue.api.report.InspectionSubmission;
import org.lvyue.api.checklist.Checklist;
import org.lvyue.api.checklist.Checklists;
import org.lvyue.api.service.BusyException;
import org.lvyue.api.service.FactIntake;
import org.lvyue.api.service.IngestResult;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.report.ReportService;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.FactQueries;
import org.lvyue.api.service.Findings;
import org.lvyue.api.service.Assessments;
import org.lvyue.api.service.Accounts;
import org.lvyue.api.service.EvidenceIntegrity;
import org.lvyue.api.service.NotFoundException;
import org.lvyue.api.signing.DocumentSigner;
import org.lvyue.api.signing.SignerIdentity;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.spi.MonthlyReportSections;
import org.lvyue.api.spi.QuarterlyReportSections;
import org.lvyue.api.spi.SettlementTerms;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The formal reports: gathers what a report shows from the compliance service (never computing a
 * violation or an amount itself), lays it out with the shared templates, and signs the PDF.
 */
@Component(service = ReportService.class)
public class DefaultReportService implements ReportService {
    private final Contracts contracts;
    private final FactQueries queries;
    private final Findings findings;
    private final Assessments assessments;
    private final Accounts accounts;
    private final EvidenceIntegrity integrity;
    private final ComplianceEngine engine;
    private final DocumentSigner signer;
    private final PdfRenderer renderer;
    /**
     * The last PDFs rendered, by everything they are made of (the report model is a deep value): a
     * PDF and then its {@code .p7s} ask for the same report, and the same content renders to the same
     * bytes, so the second request signs the first one's PDF instead of rendering it again.
     */
    private final Map<Rendition, PdfRenderer.Rendered> rendered = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Rendition, PdfRenderer.Rendered> eldest) {
                    return size() > 8;
                }
            });

    private record Rendition(FormalReport report, String provenance, String signature) {
    }

    /** The operators' metrics: told of every report rendered or reused. */
    private final List<org.lvyue.api.metrics.ReportListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeListener")
    void addListener(org.lvyue.api.metrics.ReportListener listener) {
        listeners.add(listener);
    }

    void removeListener(org.lvyue.api.metrics.ReportListener listener) {
        listeners.remove(listener);
    }

    private void told(FormalReport report, String outcome, long startedNanos) {
        String kind = report.kind().contains("/") ? report.kind().substring(0, report.kind().indexOf('/')) : report.kind();
        java.time.Duration took = java.time.Duration.ofNanos(startedNanos == 0 ? 0 : System.nanoTime() - startedNanos);
        for (org.lvyue.api.metrics.ReportListener l : listeners) {
            try {
                l.rendered(kind, outcome, took);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(DefaultReportService.class).warn("Report listener {} failed", l, e);
            }
        }
    }

    /**
     * The engineers' checklists (compliance-core) and the intake the 巡检报告's submission goes through. Optional and
     * dynamic: without them the other reports still render, and the check sheets answer 503 until they are back.
     */
    private final java.util.concurrent.atomic.AtomicReference<Checklists> checklists = new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicReference<FactIntake> intake = new java.util.concurrent.atomic.AtomicReference<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "unsetChecklists")
    void setChecklists(Checklists service) {
        checklists.set(service);
    }

    void unsetChecklists(Checklists service) {
        checklists.compareAndSet(service, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "unsetIntake")
    void setIntake(FactIntake service) {
        intake.set(service);
    }

    void unsetIntake(FactIntake service) {
        intake.compareAndSet(service, null);
    }

    /** What the domain bundles add to their monthly reports. */
    private final ContributedSections contributed = new ContributedSections();

    @Reference(service = MonthlyReportSections.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeSections")
    void addSections(MonthlyReportSections sections, Map<String, Object> properties) {
        contributed.add(sections, properties);
    }

    void removeSections(MonthlyReportSections sections) {
        contributed.remove(sections);
    }

    @Reference(service = QuarterlyReportSections.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeQuarterlySections")
    void addQuarterlySections(QuarterlyReportSections sections, Map<String, Object> properties) {
        contributed.add(sections, properties);
    }

    void removeQuarterlySections(QuarterlyReportSections sections) {
        contributed.remove(sections);
    }

    @Reference(service = SettlementTerms.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeSettlementTerms")
    void addSettlementTerms(SettlementTerms terms, Map<String, Object> properties) {
        contributed.add(terms, properties);
    }

    void removeSettlementTerms(SettlementTerms terms) {
        contributed.remove(terms);
    }

    /** The contributions to a domain's monthly report, in the order they are shown (tests). */
    List<MonthlyReportSections> contributedFor(String domain) {
        return contributed.contributionsTo(domain);
    }

    @Activate
    public DefaultReportService(@Reference Contracts contracts, @Reference FactQueries queries, @Reference Findings findings,
                                @Reference Assessments assessments, @Reference Accounts accounts,
                                @Reference EvidenceIntegrity integrity, @Reference ComplianceEngine engine,
                                @Reference DocumentSigner signer) {
        this(contracts, queries, findings, assessments, accounts, integrity, engine, signer, headless());
    }

    /** A server renders charts and measures text without a display; say so before AWT starts. */
    private static PdfRenderer headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        return new PdfRenderer();
    }

    DefaultReportService(Contracts contracts, FactQueries queries, Findings findings, Assessments assessments,
                         Accounts accounts, EvidenceIntegrity integrity, ComplianceEngine engine, DocumentSigner signer,
                         PdfRenderer renderer) {
        this.contracts = contracts;
        this.queries = queries;
        this.findings = findings;
        this.assessments = assessments;
        this.accounts = accounts;
        this.integrity = integrity;
        this.engine = engine;
        this.signer = signer;
        this.renderer = renderer;
    }

    @Override
    public Report quarterly(String contractId, String quarter) {
        Contract c = contracts.contract(contractId);
        QuarterlyAssessment a = assessments.assessment(contractId, quarter);
        requireCurrentFindings(contractId);
        List<FindingRecord> findings = violations(contractId, null, a.from(), a.to());
        Set<String> keys = findings.stream().map(r -> r.finding().getKey()).collect(Collectors.toSet());
        Ledger ledger = accounts.ledger(contractId, a.asOf());
        List<Ledger.Line> money = ledger.lines().stream().filter(l -> keys.contains(l.entry().getFindingKey())
                || l.entry().getDueOn() != null && !l.entry().getDueOn().isBefore(a.from()) && !l.entry().getDueOn().isAfter(a.to()))
                .toList();

        Map<String, String> verdict = new LinkedHashMap<>();
        verdict.put("考核结论", a.result().label());
        verdict.put("考核方式", a.scheme() == null ? "（合同未指定）" : a.scheme().title() + "：" + a.scheme().describe());
        if (a.score() != null) {
            verdict.put("得分 / 及格线", a.score() + " / " + a.passMark());
        }
        if (a.result() == QuarterlyAssessment.Result.PENDING) {
            verdict.put("评估方结论", "尚无（评估方录入" + engine.catalogues(c).stream().map(k -> k.assessment().verdictKind())
                    .filter(java.util.Objects::nonNull).findFirst().map(k -> " " + k + " ").orElse("考核结论") + "事实后生效）");
        } else if (a.verdictFactId() != null) {
            verdict.put("评估方结论", "依据事实 " + a.verdictFactId());
        }
        int due = a.domains().stream().mapToInt(QuarterlyAssessment.DomainLine::due).sum();
        int met = a.domains().stream().mapToInt(QuarterlyAssessment.DomainLine::met).sum();
        verdict.put("义务履行", "应履行 " + due + " 次，已履行 " + met + " 次，达成率 " + Sections.rate(met, due));
        List<QuarterlyReportSections> domains = contributed.quarterly(activeDomains(c));
        domains.forEach(d -> verdict.putAll(d.verdictLines(a)));
        verdict.put("违约事项", findings.size() + " 项");
        verdict.put("本季度款项", money.size() + " 笔，见“本季度款项”");

        List<Section> sections = new ArrayList<>(List.of(
                Sections.keyValue("考核结论", null, verdict),
                Sections.attainment("各服务领域履约情况", "应履行：本季度内已结束的义务周期（每日检查按工作日计）；"
                        + "未履行与已豁免按违约事项所代表的次数计。", a.domains()),
                Sections.attainmentChart("履约情况图", a.domains())));
        domains.forEach(d -> d.sections(a).forEach(s -> sections.add(ContributedSections.section(s))));
        sections.addAll(List.of(
                Sections.findings("违约事项", findings),
                Sections.clauseTexts("引用条款原文", findings, clause -> contracts.clauseText(contractId, clause)),
                Sections.ledger("本季度款项", "本季度违约事项引起的款项及本季度到期的款项，按合同条款计算。", money),
                Sections.interpretations("采用的合同解释", c)));
        String label = a.quarter();
        return render(new FormalReport("quarterly", label, "季度运维服务质量考核报告",
                label.substring(0, 4) + " 年第 " + label.substring(6) + " 季度", c, a.from() + " 至 " + a.to(), a.asOf(),
                queries.factsDigest(contractId, a.asOf()), a.ruleSetVersion(), activeBundles(c), sections),
                c.id() + "-季度考核-" + label + ".pdf");
    }

    @Override
    public Report monthly(String contractId, String domain, String month) {
        Contract c = contracts.contract(contractId);
        List<DomainCatalogue> bought = engine.catalogues(c);
        DomainCatalogue catalogue = bought.stream().filter(k -> k.domain().equals(domain)).findFirst()
                .orElseThrow(() -> new NotFoundException("合同 " + contractId + " 没有运行中的服务领域：" + domain + "；可选："
                        + bought.stream().map(DomainCatalogue::domain).sorted().collect(Collectors.joining(", "))));
        MonthlyAttainment m = assessments.monthlyAttainment(contractId, month);
        requireCurrentFindings(contractId);
        List<QuarterlyAssessment.DomainLine> line = m.domains().stream().filter(l -> l.domain().equals(domain)).toList();
        List<FindingRecord> findings = violations(contractId, domain, m.from(), m.to());

        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("服务领域", catalogue.title() + "（" + domain + "）");
        summary.put("合同依据", catalogue.clause());
        summary.put("报告月份", m.month() + "（" + m.from() + " 至 " + m.to() + "）");
        int due = line.stream().mapToInt(QuarterlyAssessment.DomainLine::due).sum();
        int met = line.stream().mapToInt(QuarterlyAssessment.DomainLine::met).sum();
        summary.put("义务履行", "应履行 " + due + " 次，已履行 " + met + " 次，达成率 " + Sections.rate(met, due));
        summary.put("违约事项", findings.size() + " 项");

        List<Section> sections = new ArrayList<>();
        sections.add(Sections.keyValue("概况", null, summary));
        sections.add(Sections.attainment("巡检与维护履行情况", "本月内已结束的义务周期。", line));
        sections.add(obligations(catalogue, findings));
        sections.add(records(contractId, catalogue, m));
        sections.addAll(contributed.of(new MonthlyReportSections.Month(contractId, domain, m,
                (kind, from, to) -> queries.facts(contractId, kind, from, to))));
        sections.add(Sections.findings("违约事项", findings));
        if (!findings.isEmpty()) {
            sections.add(Sections.clauseTexts("引用条款原文", findings, clause -> contracts.clauseText(contractId, clause)));
        }
        return render(new FormalReport("monthly/" + domain, m.month(), catalogue.title() + "月度服务报告",
                m.month().substring(0, 4) + " 年 " + Integer.parseInt(m.month().substring(5)) + " 月", c,
                m.from() + " 至 " + m.to(), m.asOf(), queries.factsDigest(contractId, m.asOf()), m.ruleSetVersion(),
                activeBundles(c), sections), c.id() + "-" + domain + "-月报-" + m.month() + ".pdf");
    }

    @Override
    public Report ledger(String contractId, LocalDate asOf) {
        Contract c = contracts.contract(contractId);
        LocalDate day = asOf == null ? contracts.today() : asOf;
        requireCurrentFindings(contractId);
        Ledger ledger = accounts.ledger(contractId, day);
        Map<String, String> totals = totals(ledger);
        List<Section> sections = List.of(
                Sections.keyValue("合计", Ledger.ROUNDING, totals),
                Sections.ledger("款项明细", "每笔款项注明合同条款、公式、输入、采用的解释与所依据的事实。", ledger.lines()),
                Sections.interpretations("采用的合同解释", c));
        return render(new FormalReport("ledger", day.toString(), "违约金、利息与退款明细表", "截至 " + day, c,
                c.periodStart() + " 至 " + day, day, queries.factsDigest(contractId, day), ledger.ruleSetVersion(),
                activeBundles(c), sections), c.id() + "-款项明细-" + day + ".pdf");
    }

    @Override
    public Report settlement(String contractId) {
        Contract c = contracts.contract(contractId);
        List<SettlementTerms> terms = contributed.settlement(activeDomains(c));
        if (terms.isEmpty()) {
            throw new NotFoundException("合同 " + contractId + " 无法结算：没有运行中的服务领域登记合同解除条款，无需结算单；款项见 ledger.pdf");
        }
        SettlementTerms.Termination termination = terms.stream()
                .flatMap(t -> t.termination(kind -> queries.facts(contractId, kind)).stream()).findFirst()
                .orElseThrow(() -> new NotFoundException("合同 " + contractId + " 未解除："
                        + terms.stream().map(SettlementTerms::notTerminated).collect(Collectors.joining("；"))
                        + "，无需结算单；款项见 ledger.pdf"));
        requireCurrentFindings(contractId);
        LocalDate day = contracts.today();
        LocalDate effective = termination.effective();
        Ledger ledger = accounts.ledger(contractId, day);
        List<Ledger.Line> refund = ledger.lines().stream().filter(DefaultReportService::terminationRefund).toList();
        List<Ledger.Line> others = ledger.lines().stream().filter(l -> !terminationRefund(l)).toList();
        Map<String, String> summary = new LinkedHashMap<>(termination.summary());
        summary.putAll(totals(ledger));
        List<Section> sections = List.of(
                Sections.keyValue("解除与结算概况", termination.basis(), summary),
                Sections.ledger("按日返还的合同款", refund.isEmpty() ? "乙方未收取解除之日以后的合同款，无需返还。" : null, refund),
                Sections.ledger("其他未结款项", null, others),
                Sections.interpretations("采用的合同解释", c));
        return render(new FormalReport("settlement", effective.toString(), "合同解除结算单",
                "解除生效日 " + effective, c, c.periodStart() + " 至 " + effective, day,
                queries.factsDigest(contractId, day), ledger.ruleSetVersion(), activeBundles(c), sections),
                c.id() + "-解除结算-" + effective + ".pdf");
    }

    // ------------------------------------------------------------------ the supplier's paper (issue #24)

    /** The obligation of the general terms that the monthly 巡检报告 proves (一般条款 八.3; 六.2(7)). */
    static final String INSPECTION_REPORT = "terms.monthly-inspection-report";
    /** The fact kind of the supplier's reports under the general terms. */
    static final String TERMS_REPORT = "terms.report";

    @Override
    public Report daily(String contractId, String domain, String day) {
        Contract c = contracts.contract(contractId);
        DomainCatalogue catalogue = service(c, domain);
        LocalDate d = ReportPeriods.day(c, day, contracts.today());
        Checklist list = checklists().checklist(contractId, d);
        List<org.lvyue.api.checklist.ChecklistItem> items = list.ofDomain(domain);
        LocalDate asOf = latest(d, items, contracts.today());
        return render(new FormalReport("daily/" + domain, d.toString(), catalogue.title() + "检查运维单",
                d.getYear() + " 年 " + d.getMonthValue() + " 月 " + d.getDayOfMonth() + " 日", c, d.toString(), asOf,
                queries.factsDigest(contractId, asOf), engine.ruleSetVersion(), activeBundles(c),
                CheckSheets.daily(sheetService(catalogue), d, items), FormalReport.Signers.ENGINEER_AND_REVIEWER),
                c.id() + "-" + domain + "-检查运维单-" + d + ".pdf");
    }

    @Override
    public Report weekly(String contractId, String domain, String isoWeek) {
        Contract c = contracts.contract(contractId);
        DomainCatalogue catalogue = service(c, domain);
        ReportPeriods.Days days = ReportPeriods.week(c, isoWeek, contracts.today());
        String week = isoWeek.trim();
        return recordSheet(c, catalogue, "weekly", week, "周检查记录单", week.substring(0, 4) + " 年第 "
                        + Integer.parseInt(week.substring(6)) + " 周", days, "每周检查与维护", EnumSetOf.WEEKLY,
                "-周检查记录单-");
    }

    @Override
    public Report records(String contractId, String domain, String month) {
        Contract c = contracts.contract(contractId);
        DomainCatalogue catalogue = service(c, domain);
        ReportPeriods.Days days = ReportPeriods.month(c, month, contracts.today());
        String m = month.trim();
        // the month's periodic items are listed on every day of it: the last day covered has them with all their records
        return recordSheet(c, catalogue, "records", m, "月度检查记录单", m.substring(0, 4) + " 年 "
                        + Integer.parseInt(m.substring(5)) + " 月", new ReportPeriods.Days(days.to(), days.to()),
                "每月（及以上周期）检查与维护", EnumSetOf.MONTHLY_AND_LONGER, "-月度检查记录单-", days);
    }

    private Report recordSheet(Contract c, DomainCatalogue catalogue, String kind, String label, String title,
                               String subtitle, ReportPeriods.Days days, String what, java.util.Set<Frequency> frequencies,
                               String fileTag) {
        return recordSheet(c, catalogue, kind, label, title, subtitle, days, what, frequencies, fileTag, days);
    }

    private Report recordSheet(Contract c, DomainCatalogue catalogue, String kind, String label, String title,
                               String subtitle, ReportPeriods.Days read, String what, java.util.Set<Frequency> frequencies,
                               String fileTag, ReportPeriods.Days covered) {
        List<Checklist> lists = checklists().checklists(c.id(), read.from(), read.to());
        List<org.lvyue.api.checklist.ChecklistItem> items = CheckSheets.periodic(catalogue.domain(), lists, frequencies);
        LocalDate asOf = latest(covered.to(), items, contracts.today());
        return render(new FormalReport(kind + "/" + catalogue.domain(), label, catalogue.title() + title, subtitle, c,
                        covered.from() + " 至 " + covered.to(), asOf, queries.factsDigest(c.id(), asOf), engine.ruleSetVersion(),
                        activeBundles(c), CheckSheets.records(sheetService(catalogue), what, label + "（" + covered.from() + " 至 "
                        + covered.to() + "）", lists, frequencies), FormalReport.Signers.ENGINEER_AND_REVIEWER),
                c.id() + "-" + catalogue.domain() + fileTag + label + ".pdf");
    }

    /** The frequencies each record sheet lists. */
    private static final class EnumSetOf {
        static final java.util.Set<Frequency> WEEKLY = java.util.EnumSet.of(Frequency.WEEKLY);
        static final java.util.Set<Frequency> MONTHLY_AND_LONGER = java.util.EnumSet.of(Frequency.MONTHLY, Frequency.QUARTERLY,
                Frequency.YEARLY);
    }

    @Override
    public Report inspection(String contractId, String month) {
        Contract c = contracts.contract(contractId);
        ReportPeriods.Days days = ReportPeriods.month(c, month, contracts.today());
        return inspection(c, month.trim(), days);
    }

    private Report inspection(Contract c, String month, ReportPeriods.Days days) {
        MonthlyAttainment m = assessments.monthlyAttainment(c.id(), month);
        requireCurrentFindings(c.id());
        // the month's records in one read per kind, not one read of every kind per day
        List<Checklist> lists = checklists().checklists(c.id(), days.from(), days.to());
        List<CheckSheets.ServiceMonth> services = new ArrayList<>();
        for (DomainCatalogue k : engine.catalogues(c)) {
            boolean checks = lists.stream().anyMatch(l -> !l.ofDomain(k.domain()).isEmpty());
            if (checks) {
                services.add(CheckSheets.month(sheetService(k), m.from(), m.to(), lists));
            }
        }
        List<FindingRecord> findings = violations(c.id(), null, m.from(), m.to());
        int due = services.stream().mapToInt(CheckSheets.ServiceMonth::due).sum();
        int done = services.stream().mapToInt(CheckSheets.ServiceMonth::done).sum();
        int abnormal = services.stream().mapToInt(s -> s.abnormal().size()).sum();
        long faults = services.stream().mapToLong(CheckSheets.ServiceMonth::faults).sum();
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("报告月份", m.month() + "（" + m.from() + " 至 " + m.to() + "）");
        summary.put("合同依据", "一般条款 八.3「每月开展一次应用系统巡检，并提交巡检报告」；六.2(7)");
        summary.put("巡检服务", services.size() + " 项：" + services.stream().map(s -> s.service().title())
                .collect(Collectors.joining("、")));
        summary.put("检查完成", "应检 " + due + " 项次，已检 " + done + " 项次，完成率 " + Sections.rate(done, due)
                + (days.to().isBefore(m.to()) ? "（统计至 " + days.to() + "）" : ""));
        summary.put("异常与故障", "异常 " + abnormal + " 项次，故障记录 " + faults + " 条");
        summary.put("本月违约事项", findings.size() + " 项（规则判定，见“本月违约事项”）");
        List<Section> sections = new ArrayList<>();
        sections.add(Sections.keyValue("概况", null, summary));
        sections.addAll(CheckSheets.inspection(services));
        sections.add(Sections.attainment("义务履行（规则判定）", "本月内已结束的义务周期，与季度考核同一口径。",
                m.domains().stream().filter(l -> l.due() > 0 || l.missed() > 0).toList()));
        sections.add(Sections.findings("本月违约事项", findings));
        return render(new FormalReport("inspection", m.month(), "应用系统巡检报告",
                m.month().substring(0, 4) + " 年 " + Integer.parseInt(m.month().substring(5)) + " 月", c,
                m.from() + " 至 " + m.to(), m.asOf(), queries.factsDigest(c.id(), m.asOf()), m.ruleSetVersion(),
                activeBundles(c), sections, new FormalReport.Signers(List.of("乙方项目负责人（签字）：", "甲方接收人（签字）：", ""),
                        List.of("签字：______________", "签字：______________", ""))),
                c.id() + "-巡检报告-" + m.month() + ".pdf");
    }

    @Override
    public InspectionSubmission submitInspection(String contractId, String month, String user) {
        Contract c = contracts.contract(contractId);
        LocalDate today = contracts.today();
        ReportPeriods.Days days = ReportPeriods.monthOver(c, month, today);
        boolean held = engine.catalogues(c).stream().anyMatch(k -> k.obligations().stream()
                .anyMatch(o -> o.id().equals(INSPECTION_REPORT)));
        if (!held) {
            throw new NotFoundException("合同 " + contractId + " 没有运行中的义务 " + INSPECTION_REPORT
                    + "（一般条款 八.3 月度巡检报告）：一般条款领域未运行或合同已免除该义务，无需提交 (no such obligation for the contract)");
        }
        FactIntake in = intake.get();
        if (in == null) {
            throw new BusyException(BusyException.Reason.NOT_READY,
                    "事实接收服务未启动，巡检报告暂不能提交，请稍后重试 (the intake is not running)", java.time.Duration.ofSeconds(5));
        }
        String m = month.trim();
        Report report = inspection(c, m, days);
        // one submission of a month a day: the same day again is a duplicate (the submission itself changes the facts the
        // report stands on, so its PDF cannot name it); a later day's, after corrections, is a new one. The PDF's
        // digest is in the evidence chain, recorded as the report was issued.
        String factId = "inspection-report:" + m + ":" + today;
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("id", factId);
        fact.put("kind", TERMS_REPORT);
        fact.put("subject", INSPECTION_REPORT);
        fact.put("date", today.toString());
        fact.put("status", "submitted");
        fact.put("attributes", Map.of("period", m, "title", m.substring(0, 4) + " 年 " + Integer.parseInt(m.substring(5))
                + " 月应用系统巡检报告（报告 " + report.id() + "）"));
        IngestResult result = in.ingest(contractId, List.of(fact), user);
        return new InspectionSubmission(report, INSPECTION_REPORT, factId, result);
    }

    private Checklists checklists() {
        Checklists service = checklists.get();
        if (service == null) {
            throw new BusyException(BusyException.Reason.NOT_READY,
                    "检查记录服务未启动，检查运维单与巡检报告暂不能生成，请稍后重试 (the checklist service is not running)",
                    java.time.Duration.ofSeconds(5));
        }
        return service;
    }

    /** A service the contract buys and runs, or 404 naming the field and the services there are. */
    private DomainCatalogue service(Contract c, String domain) {
        List<DomainCatalogue> bought = engine.catalogues(c);
        return bought.stream().filter(k -> k.domain().equals(domain)).findFirst()
                .orElseThrow(() -> new NotFoundException("服务领域 (domain) '" + domain + "' 不是合同 " + c.id()
                        + " 运行中的服务；可选：" + bought.stream().map(DomainCatalogue::domain).sorted()
                        .collect(Collectors.joining(", ")) + " (not a service of the contract)"));
    }

    private static CheckSheets.Service sheetService(DomainCatalogue k) {
        return new CheckSheets.Service(k.domain(), k.title(), k.clause());
    }

    /**
     * The day of the data a sheet shows: its last day, or the day of a later fault record it shows, never after today.
     * The facts digest then covers every record on the sheet.
     */
    private static LocalDate latest(LocalDate last, List<org.lvyue.api.checklist.ChecklistItem> items, LocalDate today) {
        LocalDate latest = last;
        for (var item : items) {
            for (var r : item.records()) {
                if (r.day().isAfter(latest)) {
                    latest = r.day();
                }
                for (var f : r.faults()) {
                    if (f.reportedAt() != null && f.reportedAt().toLocalDate().isAfter(latest)) {
                        latest = f.reportedAt().toLocalDate();
                    }
                }
            }
        }
        return latest.isAfter(today) ? today : latest;
    }

    /** The domains whose rules run now for the contract, by the catalogues the engine holds for it. */
    private Set<String> activeDomains(Contract c) {
        return engine.catalogues(c).stream().map(DomainCatalogue::domain).collect(Collectors.toSet());
    }

    /** The refund a settlement shows apart: known by the category its rule gives it, whatever the rule is named. */
    static boolean terminationRefund(Ledger.Line line) {
        return line.entry().getCategory() == LedgerEntry.Category.TERMINATION_REFUND;
    }

    private static Map<String, String> totals(Ledger ledger) {
        Map<String, String> totals = new LinkedHashMap<>();
        totals.put("截至", ledger.asOf().toString());
        totals.put("乙方应付（违约金、退款）", Money.yuan(ledger.supplierOwes()));
        totals.put("甲方应付（逾期付款违约金等）", Money.yuan(ledger.clientOwes()));
        totals.put("已豁免", Money.yuan(ledger.waived()));
        totals.put("净额（乙方应付 − 甲方应付）", Money.yuan(ledger.net()));
        if (ledger.lines().stream().anyMatch(l -> l.entry().getPayer() == Payer.NEW_SUPPLIER)) {
            totals.put("新服务商应付（单列，不计入净额）", Money.yuan(ledger.newSupplierOwes()) + "\n" + Ledger.NEW_SUPPLIER_NOTE);
        }
        return totals;
    }

    /** The domain's catalogue with what went wrong this month, obligation by obligation. */
    private static Section obligations(DomainCatalogue catalogue, List<FindingRecord> findings) {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (var o : catalogue.obligations()) {
            long missed = findings.stream().filter(r -> o.id().equals(r.finding().getObligationId()))
                    .mapToLong(r -> r.finding().getOccurrences()).sum();
            rows.add(Sections.tableRow(o.id(), o.frequency().name(), o.title(), o.clause(), missed == 0 ? "—" : missed + " 次"));
        }
        return Sections.table("服务内容与本月违约", "合同附件三所列服务内容，逐项列出本月未履行次数。",
                new String[] {"编号", "频次", "服务内容", "条款", "本月未履行"}, rows);
    }

    /** How many records of each kind of the domain came in this month. */
    private Section records(String contractId, DomainCatalogue catalogue, MonthlyAttainment m) {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (var kind : catalogue.factKinds()) {
            List<Fact> facts = queries.facts(contractId, kind.name(), m.from(), m.to());
            rows.add(Sections.tableRow(kind.name(), kind.title(), facts.size() + " 条",
                    facts.isEmpty() ? "—" : facts.get(0).getDate().toString(),
                    facts.isEmpty() ? "—" : facts.get(facts.size() - 1).getDate().toString()));
        }
        return Sections.table("本月记录", rows.isEmpty() ? "本领域没有记录类型。" : "本月收到的各类记录（事实）。",
                new String[] {"记录类型", "名称", "数量", "最早", "最晚"}, rows);
    }

    /** The findings of a period that are violations now: open or waived, in period and clause order. */
    private List<FindingRecord> violations(String contractId, String domain, LocalDate from, LocalDate to) {
        return findings.findings(contractId, new FindingQuery(domain, from, to, null, Integer.MAX_VALUE, 0)).stream()
                .filter(r -> r.status() != FindingStatus.RESOLVED)
                .sorted(Comparator.comparing((FindingRecord r) -> r.finding().getPeriodStart())
                        .thenComparing(r -> r.finding().getClause()).thenComparing(r -> r.finding().getKey()))
                .toList();
    }

    /**
     * A report from findings of an older rule set would not match its own provenance: it waits (bounded) for
     * the contract's re-evaluation, then answers 503 NOT_READY with Retry-After.
     */
    private void requireCurrentFindings(String contractId) {
        findings.awaitCurrentFindings(contractId);
    }

    /** The running domain bundles whose rules the contract is held to: a report names what it stands on. */
    private List<DomainStatus> activeBundles(Contract c) {
        Set<String> applying = activeDomains(c);
        return engine.domains().stream().filter(d -> d.state() == DomainState.ACTIVE
                && (c.services().isEmpty() || applying.contains(d.domain()))).toList();
    }

    private static final String[] NUMERALS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
            "十三", "十四", "十五"};

    /** Headings numbered in the order the report places them: 一、 二、 ... */
    private static List<Section> numbered(List<Section> sections) {
        List<Section> out = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            out.add(new Section(NUMERALS[i] + "、" + s.heading(), s.note(), s.template(), s.rows(), s.params()));
        }
        return out;
    }

    /**
     * How a report names the rule set it was made on: by the digest of its bundles' contents (and the engine's build),
     * the same on every node of a cluster and after any restart, where the version number counts this node's rule-set
     * changes; by that number when the engine gives no digest.
     */
    private String ruleSetName(long version) {
        String digest = engine.ruleSetDigest();
        return digest.length() < 16 ? "规则集版本 " + version : "规则集（摘要 " + digest.substring(0, 16) + "）";
    }

    private Report render(FormalReport report, String fileName) {
        SignerIdentity id = signer.signer();
        String ruleSet = ruleSetName(report.ruleSetVersion());
        // waivers are not facts but change what a report shows (statuses, waived amounts): name them too
        List<String> waivers = accounts.waivers(report.contract().id()).stream().map(Object::toString).sorted().toList();
        String provenance = "本报告由 履约 Lvyue 合规引擎依据截至 " + report.asOf() + " 的 " + report.facts().count()
                + " 条事实（SHA-256 " + report.facts().sha256() + "）、" + waivers.size() + " 条豁免记录（SHA-256 "
                + sha256(String.join("\n", waivers).getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "）与"
                + ruleSet + " 的 " + report.ruleBundles().size()
                + " 个规则包生成，不含人工改动；同一事实、豁免与规则再次生成，文件逐字节相同。";
        String signature = "电子签名：本报告以 " + id.algorithm() + " 签署，签名证书 " + id.subject() + "（SHA-256 指纹 "
                + id.certificateSha256() + "）" + (id.demo() ? "，为首次启动时生成的演示密钥，正式使用前应换为正式密钥" : "")
                + "。签名文件（.p7s，CMS 分离式签名）与本文件同时提供，可经 POST /api/signatures/verify 验证；文件经任何改动即验证失败。";
        // every report ends with the rule bundles that produced it; headings are numbered in order
        List<Section> sections = new ArrayList<>(report.sections());
        sections.add(Sections.bundles("规则包与版本", ruleSet, report.ruleBundles()));
        Rendition rendition = new Rendition(report.withSections(numbered(sections)), provenance, signature);
        PdfRenderer.Rendered pdf = rendered.get(rendition);
        if (pdf == null) {
            long t0 = System.nanoTime();
            try {
                pdf = renderer.render(rendition.report(), provenance, signature);
            } catch (RuntimeException | Error e) {
                told(report, org.lvyue.api.metrics.ReportListener.FAILED, t0);
                throw e;
            }
            told(report, org.lvyue.api.metrics.ReportListener.RENDERED, t0);
            rendered.put(rendition, pdf);
        } else {
            told(report, org.lvyue.api.metrics.ReportListener.REUSED, 0);
        }
        byte[] bytes = pdf.pdf().clone(); // the cached copy stays untouched whatever a caller does with its own
        String pdfSha256 = sha256(bytes);
        // the issued document joins the contract's evidence chain (once: the same bytes again add nothing)
        integrity.recordIssuedReport(report.contract().id(), report.id(), pdfSha256, report.facts().sha256());
        return new Report(report.id(), safeFileName(fileName), report.title(), report.asOf(), bytes, pdfSha256, signer.sign(bytes),
                report.facts().sha256(), report.facts().count(), report.bundleVersions(), pdf.pages());
    }

    /**
     * The file name a client or the shell writes the report under: one name, never a path, whatever a
     * contract or domain id holds (a domain id comes from a bundle's manifest).
     */
    static String safeFileName(String name) {
        String safe = name.replaceAll("[/\\\\:*?\"<>|\\p{Cntrl}]", "_");
        return safe.startsWith(".") ? "_" + safe.substring(1) : safe;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
