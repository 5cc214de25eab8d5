package org.lvyue.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.core.Response;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.store.ContractNotOwnedException;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NotOwnedMappingTest {
    @Test
    void a_write_fenced_out_by_another_owner_is_answered_503_with_retry_after_and_counted_as_a_refusal() {
        Refusals refusals = new Refusals();
        List<String> told = new ArrayList<>();
        refusals.add((status, reason) -> told.add(status + " " + reason));
        Response r = new ErrorMappers.NotOwned(refusals).toResponse(new ContractNotOwnedException("bj-hrss-2022", "node-a"));
        assertEquals(503, r.getStatus());
        assertEquals("1", r.getHeaderString("Retry-After"));
        ApiError body = (ApiError) r.getEntity();
        assertTrue(body.message().startsWith("合同 bj-hrss-2022 已由集群中另一节点接管"), body.message());
        assertEquals(List.of("503 NOT_OWNER"), told);
    }
}
