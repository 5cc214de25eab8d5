package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.baseline.BaselineResult;
import org.lvyue.api.baseline.BaselineResult.Result;
import org.lvyue.api.baseline.CollectorRun;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.Obligation;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BaselineResultsTest {
    private static Obligation check(String id, String kind) {
        return new Obligation(id, "pki", "检查 " + id, "GB/T 39786-2021 6.2", Frequency.PER_EVENT, 1, kind, null, Severity.HIGH,
                null, Obligation.Category.BASELINE, null, null,
                Map.of("rationale", "理由", "remediation", "整改", "references", "GB/T 39786-2021 6.2", "warnDays", "30"));
    }

    private static final DomainCatalogue PKI = new DomainCatalogue("pki", "证书", "", "GB/T", List.of(),
            List.of(check("pki.cert-weak", "pki.certificate"), check("pki.cert-expired", "pki.certificate"),
                    check("pki.crl-stale", "pki.crl")));

    private static FindingRecord failing(String obligation) {
        Finding f = Finding.builder().contractId("c").domain("pki").obligation(obligation).rule("r").clause("GB/T")
                .severity(Severity.HIGH).period(LocalDate.of(2022, 3, 1), LocalDate.of(2022, 3, 1), "2022-03-01")
                .title("CN=legacy 使用 SHA1WITHRSA").discriminator("cert-1").build();
        return new FindingRecord(f, FindingStatus.OPEN, Instant.EPOCH, Instant.EPOCH, null, null, null);
    }

    @Test
    void a_check_with_open_findings_fails_one_whose_evidence_exists_passes_and_one_without_is_not_applicable() {
        List<BaselineResult> results = BaselineResults.compute(List.of(PKI), Map.of("pki.certificate", 3L),
                List.of(failing("pki.cert-weak")), List.of(), null, null, null);
        assertEquals(List.of(Result.FAIL, Result.PASS, Result.NOT_APPLICABLE), results.stream().map(BaselineResult::result).toList());
        BaselineResult weak = results.get(0);
        assertEquals(3, weak.checked());
        assertEquals(1, weak.failed());
        assertEquals(Map.of("warnDays", "30"), weak.parameters(), "the metadata fields are not repeated as parameters");
        assertEquals("理由", weak.rationale());
        assertEquals(List.of("pki/r/pki.cert-weak/2022-03-01/cert-1 — CN=legacy 使用 SHA1WITHRSA"), weak.evidence());
    }

    @Test
    void results_filter_by_domain_and_result() {
        assertEquals(List.of("pki.cert-expired"), BaselineResults.compute(List.of(PKI), Map.of("pki.certificate", 3L),
                List.of(failing("pki.cert-weak")), List.of(), null, "pki", Result.PASS).stream().map(BaselineResult::id).toList());
        assertEquals(List.of(), BaselineResults.compute(List.of(PKI), Map.of(), List.of(), List.of(), null, "staffing", null));
    }

    private static CollectorRun run(String target, boolean ok, int hour) {
        return new CollectorRun("tls", target, List.of("pki.certificate"), ok, ok ? "读取 2 张证书" : "连接超时（10 秒）",
                LocalDateTime.of(2022, 3, 1, hour, 0), "run-" + hour);
    }

    @Test
    void a_failed_latest_collection_turns_a_would_be_pass_into_an_error_never_a_pass() {
        List<CollectorRun> latest = CollectorRun.latestPerTarget(List.of(run("idp:443", true, 1), run("idp:443", false, 2)));
        assertEquals(1, latest.size());
        List<BaselineResult> results = BaselineResults.compute(List.of(PKI), Map.of("pki.certificate", 3L, "pki.crl", 1L),
                List.of(failing("pki.cert-weak")), latest, null, null, null);
        // weak fails on its own findings; expired is fed by the failed probe; the CRL check is not fed by it
        assertEquals(List.of(Result.FAIL, Result.ERROR, Result.PASS), results.stream().map(BaselineResult::result).toList());
        assertEquals(List.of("采集失败 tls idp:443（2022-03-01T02:00）：连接超时（10 秒）"), results.get(1).evidence());
    }

    @Test
    void a_later_successful_collection_clears_the_error() {
        List<CollectorRun> latest = CollectorRun.latestPerTarget(List.of(run("idp:443", false, 2), run("idp:443", true, 3)));
        assertEquals(Result.PASS, BaselineResults.compute(List.of(PKI), Map.of("pki.certificate", 3L), List.of(), latest, null,
                null, null).get(1).result());
    }

    @Test
    void results_that_may_be_stale_are_not_checked_and_say_why() {
        List<BaselineResult> results = BaselineResults.compute(List.of(PKI), Map.of("pki.certificate", 3L), List.of(), List.of(),
                "最近一次评估失败，结果未更新：缺少 2023 年的工作日历", null, null);
        assertEquals(List.of(Result.NOT_CHECKED, Result.NOT_CHECKED, Result.NOT_CHECKED),
                results.stream().map(BaselineResult::result).toList());
        assertEquals(List.of("最近一次评估失败，结果未更新：缺少 2023 年的工作日历"), results.get(0).evidence());
    }
}
