package org.lvyue.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.core.Response;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.store.StoreException;
import org.lvyue.store.JdbcStore;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreFailureMappingTest {
    @TempDir
    Path dir;

    @Test
    void a_write_the_database_fails_is_answered_503_with_retry_after_and_an_incident_never_the_trace() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("lvyue").toAbsolutePath();
        JdbcStore store = new JdbcStore(url);
        // the table gone under the store: the statement fails in the database, as with a lost server or an unreadable file
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "")) {
            c.createStatement().execute("ALTER TABLE fact RENAME TO fact_elsewhere");
        }
        StoreException failed = assertThrows(StoreException.class, () -> store.appendFacts("bj-hrss-2022", List.of(
                Fact.builder().id("f1").contractId("bj-hrss-2022").domain("d").kind("k").date(LocalDate.of(2022, 3, 7)).build()),
                "collector"));

        Refusals refusals = new Refusals();
        List<String> told = new ArrayList<>();
        refusals.add((status, reason) -> told.add(status + " " + reason));
        Response r = new ErrorMappers.StoreFailure(refusals).toResponse(failed);

        assertEquals(503, r.getStatus());
        assertEquals("5", r.getHeaderString("Retry-After"));
        ApiError body = (ApiError) r.getEntity();
        assertTrue(body.message().startsWith("数据库暂时无法完成本次请求（事件编号 "), body.message());
        assertTrue(body.message().contains("未保存任何内容"), body.message());
        assertFalse(body.message().contains("Exception") || body.message().contains("jdbc:"), "no trace, no URL: " + body.message());
        assertEquals(List.of("503 " + ErrorMappers.StoreFailure.REASON), told);
        store.close();
    }
}
