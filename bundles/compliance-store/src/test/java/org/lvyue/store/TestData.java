package org.lvyue.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.Severity;

/** Shared fixtures: a contract id, facts, findings and evaluations. */
final class TestData {
    static final String CONTRACT = "HT-2022-001";

    private TestData() {
    }

    /** A file database in {@code dir}, as the component would open it. */
    static String url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("lvyue").toAbsolutePath();
    }

    /** A plain connection beside the store, to look at or tamper with the tables. */
    static Connection jdbc(Path dir) throws SQLException {
        return DriverManager.getConnection(url(dir), "sa", "");
    }

    /**
     * A connection to a new database in {@code dir} with the store's schema, outside any transaction's
     * auto-commit: for the table classes on their own. The caller closes it.
     */
    static Connection schema(Path dir) throws SQLException {
        Connection c = jdbc(dir);
        new Migrations(new H2Dialect()).migrate(c);
        c.setAutoCommit(false);
        return c;
    }

    static Fact.Builder fact(String id) {
        return Fact.builder().id(id).contractId(CONTRACT).domain("inspection").kind("inspection.performed")
                .subject("CHK-01").date(LocalDate.of(2022, 3, 7)).status("ok");
    }

    static Finding finding(String domain, String obligation, LocalDate start, LocalDate end, String label) {
        return Finding.builder().contractId(CONTRACT).domain(domain).obligation(obligation).rule(obligation + " missing")
                .clause("附件二 5").severity(Severity.HIGH).period(start, end, label).title("未按期巡检")
                .detail("应巡检 1 次，实际 0 次").facts(List.of()).build();
    }

    static Finding yearly(String domain, String obligation, int year) {
        return finding(domain, obligation, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), Integer.toString(year));
    }

    static Evaluation evaluation(List<Finding> findings, DomainStatus... domains) {
        return new Evaluation(CONTRACT, LocalDate.of(2023, 1, 10), 1, List.of(domains), 0, findings, List.of(), Duration.ZERO);
    }

    static DomainStatus domain(String domain, String bundle, String version) {
        return new DomainStatus(bundle, version, 42, domain, domain, DomainState.ACTIVE, 3, List.of(), null);
    }
}
