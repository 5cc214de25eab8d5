package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.store.TestData.CONTRACT;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.store.RestartStamp;

/** The restart stamp a clean stop leaves (H2 and PostgreSQL): kept across a reopening, replaced, and taken once. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreRestartStampTest extends StoreTest {
    private static final RestartStamp STAMP = new RestartStamp("a".repeat(64), 3, LocalDate.of(2023, 3, 1), 72_208, 1_144_118,
            Instant.parse("2026-12-07T08:00:00.123456Z"));

    @Test
    void a_stamp_survives_the_stores_reopening_and_is_taken_by_the_next_start_only() {
        store.saveRestartStamp(CONTRACT, new RestartStamp("b".repeat(64), 2, LocalDate.of(2023, 2, 28), 1, 2, Instant.EPOCH));
        store.saveRestartStamp(CONTRACT, STAMP);
        store.close();
        store = new JdbcStore(url());

        assertEquals(STAMP, store.takeRestartStamp(CONTRACT).orElseThrow(), "the latest, every field as written");
        assertTrue(store.takeRestartStamp(CONTRACT).isEmpty(), "taken: a later start finds none");
        assertTrue(store.takeRestartStamp("another contract").isEmpty());
    }
}
