package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.baseline.BaselineResult;
import org.lvyue.api.baseline.BaselineResult.Result;
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
                List.of(failing("pki.cert-weak")), null, null);
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
                List.of(failing("pki.cert-weak")), "pki", Result.PASS).stream().map(BaselineResult::id).toList());
        assertEquals(List.of(), BaselineResults.compute(List.of(PKI), Map.of(), List.of(), "staffing", null));
    }
}
