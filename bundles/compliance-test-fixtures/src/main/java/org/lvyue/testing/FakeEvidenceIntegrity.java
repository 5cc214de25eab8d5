package org.lvyue.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.lvyue.api.integrity.IntegrityReport;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.EvidenceIntegrity;

/** A verification a test sets up, and the issued reports recorded, each as "contract report pdfSha256 factsDigest". */
public class FakeEvidenceIntegrity implements EvidenceIntegrity {
    private final Contracts contracts;
    /** What a verification answers; null until a test sets it. */
    public IntegrityReport report;
    /** Set by {@link #verifyIntegrity}: the last verification, as the product keeps it. */
    private IntegrityReport last;
    public final List<String> issued = new ArrayList<>();

    public FakeEvidenceIntegrity(Contracts contracts) {
        this.contracts = contracts;
    }

    @Override
    public IntegrityReport verifyIntegrity(String contractId) {
        contracts.contract(contractId);
        last = report;
        return report;
    }

    @Override
    public Optional<IntegrityReport> lastIntegrity(String contractId) {
        return Optional.ofNullable(last);
    }

    /** @return the entry's position in the chain: 0 for the first report recorded */
    @Override
    public long recordIssuedReport(String contractId, String reportId, String pdfSha256, String factsDigest) {
        issued.add(contractId + " " + reportId + " " + pdfSha256 + " " + factsDigest);
        return issued.size() - 1;
    }
}
