package org.lvyue.core.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a contract definition must say about the general terms, and the points it may leave open.
 * The rules of the general-terms bundle read these by name; the reader refuses a definition that
 * lacks one or gives it a value of the wrong type, so no rule ever meets a missing number.
 */
final class GeneralTermsSchema {
    enum Type { DECIMAL, INTEGER, DATE, BOOLEAN, TEXT }

    /** Text fields whose value the rules read as one of a few words; anything else would be ignored silently. */
    static final Map<String, List<String>> CHOICES = Map.of(
            "supportSla.clock", List.of("24x7"));

    /**
     * @param fields      the fields every definition must give, with their types; or
     * @param anyKeyValues when not null, the term is a free table: any key, each value one of these
     */
    record TermSpec(String name, String clause, Map<String, Type> fields, List<String> anyKeyValues) {
        TermSpec(String name, String clause, Map<String, Type> fields) {
            this(name, clause, fields, null);
        }
    }

    record InterpretationSpec(String id, String clause, String title, String defaultValue, List<String> options) {
    }

    static final List<TermSpec> TERMS = List.of(
            term("payment", "一般条款 四.2-3", "dueBy", Type.DATE, "installments", Type.INTEGER),
            term("performanceBond", "一般条款 五", "rate", Type.DECIMAL, "dueWorkingDaysAfterSigning", Type.INTEGER,
                    "validUntil", Type.DATE),
            term("staffReplacement", "一般条款 六.1(2)", "days", Type.INTEGER),
            term("serviceFailurePenalty", "一般条款 七.1", "rate", Type.DECIMAL),
            term("confidentialityBreach", "一般条款 七.1; 十.2", "rate", Type.DECIMAL, "refundAllFees", Type.BOOLEAN),
            term("latePayment", "一般条款 七.2", "graceWorkingDays", Type.INTEGER, "dailyRate", Type.DECIMAL,
                    "capRate", Type.DECIMAL, "terminationAfterDays", Type.INTEGER),
            term("monthlyReportReview", "一般条款 八.3", "days", Type.INTEGER),
            term("termination", "一般条款 十四.2", "cureDays", Type.INTEGER, "dailyFeeDivisor", Type.INTEGER,
                    "refundWithinDays", Type.INTEGER),
            term("forceMajeure", "一般条款 十二", "proofDays", Type.INTEGER, "renegotiateAfterDays", Type.INTEGER),
            term("resultsDelivery", "一般条款 九.2", "days", Type.INTEGER),
            term("confidentialMaterialReturn", "附件四 三.5", "workingDays", Type.INTEGER),
            term("quarterlyAssessment", "一般条款 七.1; 八.1", "passMark", Type.INTEGER, "deductCritical", Type.INTEGER,
                    "deductHigh", Type.INTEGER, "deductMedium", Type.INTEGER, "deductLow", Type.INTEGER),
            term("onSiteHours", "附件二 7; 附件三 x.x.6", "annex2", Type.TEXT, "annex3", Type.TEXT),
            term("supportSla", "附件三 x.x.6 技术支持", "phoneContactMinutes", Type.INTEGER, "onsiteUrbanMinutes", Type.INTEGER,
                    "onsiteSuburbanMinutes", Type.INTEGER, "warnBeforeMinutes", Type.INTEGER, "clock", Type.TEXT),
            new TermSpec("supportSites", "附件三 x.x.6（郊区 4 小时）", Map.of(), List.of("urban", "suburban")));

    static final List<InterpretationSpec> INTERPRETATIONS = List.of(
            new InterpretationSpec("assessment.scheme", "一般条款 七.1; 八.1",
                    "季度考核如何评分、何为“考核不合格”（合同未规定评分办法）", "evaluator-verdict",
                    List.of("evaluator-verdict", "deduction-score")),
            new InterpretationSpec("serviceFailure.occurrence", "一般条款 七.1",
                    "何为一次“服务不合格”（3% 违约金的计次单位）", "confirmed-failure",
                    List.of("confirmed-failure", "finding-per-obligation-period")),
            new InterpretationSpec("serviceFailure.cap", "一般条款 七.1",
                    "服务不合格违约金是否设上限（合同未规定）", "none", List.of("none", "contract-amount")),
            new InterpretationSpec("latePayment.dayCount", "一般条款 七.2",
                    "第 31 个工作日起的逾期天数按自然日还是工作日计", "calendar", List.of("calendar", "working")),
            new InterpretationSpec("latePayment.paymentDayCounts", "一般条款 七.2",
                    "付款当日是否计入逾期天数", "no", List.of("no", "yes")),
            new InterpretationSpec("money.rounding", "一般条款 十四.2; 十六",
                    "按日计费的舍入：精确计算、最后一次舍入，或先将日费用舍入到分", "round-at-end",
                    List.of("round-at-end", "daily-fee-first")),
            new InterpretationSpec("afterExpiry.daysInYear", "一般条款 十六",
                    "“天数/当年天数”中当年天数取 365 还是当年实际天数", "365", List.of("365", "actual")),
            new InterpretationSpec("results.anchor", "一般条款 九.2",
                    "“合同终止后 30 日内”是否包括合同期满自然终止", "termination-or-expiry",
                    List.of("termination-or-expiry", "termination-only")),
            new InterpretationSpec("checks.dailyOn", "附件三 x.x.1 每日维护",
                    "“每日”检查在哪些日子必须执行：每一天（字面含义，附件三另有“7×24小时响应服务”），或仅工作日（驻场服务日）",
                    "every-day", List.of("every-day", "working-days")),
            new InterpretationSpec("checks.weeklyInRestWeek", "附件三 x.x.1 每周维护",
                    "整周无工作日（如春节）时，“每周”检查仍须在该周内执行（字面含义），或顺延至其后第一个工作日",
                    "in-the-week", List.of("in-the-week", "next-working-day")),
            new InterpretationSpec("termination.qualityBasis", "一般条款 十四.2",
                    "“连续 1 个月的运维服务质量考核中不合格”以何种考核认定：月度考核（字面含义），或季度考核（七.1、八.1 所称考核）",
                    "monthly-assessment", List.of("monthly-assessment", "quarterly-assessment")),
            new InterpretationSpec("reports.monthlyDue", "一般条款 八.3; 六.2(7)",
                    "月度巡检报告、月度服务工作总结报告的提交期限（合同未规定）：所报告月份结束后若干日内",
                    "5-working-days", List.of("5-working-days", "10-working-days", "15-days")),
            new InterpretationSpec("reports.quarterlyDue", "一般条款 八.3",
                    "书面季度服务工作总结报告及季度工作汇报的期限（合同未规定）：季度结束后若干日内",
                    "5-working-days", List.of("5-working-days", "10-working-days", "15-days")),
            new InterpretationSpec("reports.yearlyDue", "一般条款 六.2(7)",
                    "年报的提交期限（合同未规定）：服务年度结束后若干日内",
                    "15-working-days", List.of("15-working-days", "5-working-days", "30-days")),
            new InterpretationSpec("reports.faultAnalysisDue", "一般条款 六.2(7)",
                    "故障分析报告的提交期限（合同未规定）：故障记录之日后若干日内",
                    "5-working-days", List.of("5-working-days", "3-working-days", "10-days")),
            new InterpretationSpec("payment.dueDate", "一般条款 四.2-3",
                    "付款期限：约定日期，或约定日期与收到发票、履约保证金三者中最晚者", "later-of-due-invoice-bond",
                    List.of("later-of-due-invoice-bond", "fixed-due-date")));

    private GeneralTermsSchema() {
    }

    private static TermSpec term(String name, String clause, Object... fieldsAndTypes) {
        Map<String, Type> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndTypes.length; i += 2) {
            fields.put((String) fieldsAndTypes[i], (Type) fieldsAndTypes[i + 1]);
        }
        return new TermSpec(name, clause, fields);
    }
}
