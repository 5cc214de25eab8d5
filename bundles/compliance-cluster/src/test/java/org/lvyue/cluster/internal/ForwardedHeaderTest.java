package org.lvyue.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.security.FieldCipher;
import org.lvyue.security.internal.SecurityConfig;
import org.lvyue.security.internal.Sm4FieldCipher;
import org.lvyue.testing.AnnotationConfigs;

/**
 * What a node vouches for when it sends a request to a contract's owner, signed and checked with the product's own
 * SM4/HMAC-SM3 field cipher over real key files: the nodes of one cluster share a key file; a client writing the
 * header itself has none.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ForwardedHeaderTest {
    private static final String LINE = "POST /api/contracts/bj-hrss-2022/facts";
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    private FieldCipher cipher(Path keys) {
        return new Sm4FieldCipher(AnnotationConfigs.of(SecurityConfig.class, Map.of("fieldKeysFile", keys.toString())));
    }

    @Test
    void a_header_signed_by_one_node_is_believed_by_another_with_the_same_key_file() throws Exception {
        FieldCipher front = cipher(dir.resolve("keys.properties"));
        Path copy = Files.createDirectories(dir.resolve("other")).resolve("keys.properties");
        Files.copy(dir.resolve("keys.properties"), copy);
        FieldCipher owner = cipher(copy);

        String sent = ForwardedHeader.sign(front, "a", "10.1.2.3", NOW, LINE).value();
        ForwardedHeader got = ForwardedHeader.parse(sent).orElseThrow();

        assertEquals("a", got.node());
        assertEquals("10.1.2.3", got.client());
        assertTrue(got.trusted(owner, NOW.plusSeconds(5), LINE));
    }

    @Test
    void a_changed_address_request_line_or_stale_header_or_a_stranger_key_is_not_believed() {
        FieldCipher front = cipher(dir.resolve("keys.properties"));
        ForwardedHeader h = ForwardedHeader.sign(front, "a", "10.1.2.3", NOW, LINE);

        ForwardedHeader otherAddress = new ForwardedHeader(h.node(), "192.168.0.9", h.millis(), h.mac());
        assertFalse(otherAddress.trusted(front, NOW, LINE), "the client address is signed");
        assertFalse(h.trusted(front, NOW, "DELETE /api/contracts/bj-hrss-2022/waivers/w1"), "so is the request line");
        assertFalse(h.trusted(front, NOW.plus(ForwardedHeader.FRESH).plusSeconds(1), LINE), "and it goes stale");
        assertFalse(h.trusted(cipher(dir.resolve("stranger.properties")), NOW, LINE), "another cluster's key");
        assertFalse(h.trusted(null, NOW, LINE), "a node without the cipher believes no peer");
        assertFalse(ForwardedHeader.sign(null, "a", "10.1.2.3", NOW, LINE).trusted(front, NOW, LINE),
                "an unsigned header is not believed");
    }

    @Test
    void a_header_that_is_not_four_fields_is_no_header() {
        assertTrue(ForwardedHeader.parse(null).isEmpty());
        assertTrue(ForwardedHeader.parse("a;10.1.2.3;12").isEmpty());
        assertTrue(ForwardedHeader.parse("a;10.1.2.3;soon;mac").isEmpty());
    }

    @Test
    void the_contract_of_a_path_is_the_segment_after_contracts() {
        assertEquals("bj-hrss-2022", OwnerForwarding.contractOf("/api/contracts/bj-hrss-2022/facts"));
        assertEquals("bj-hrss-2022", OwnerForwarding.contractOf("/api/contracts/bj-hrss-2022"));
        assertEquals("合同 1", OwnerForwarding.contractOf("/api/contracts/%E5%90%88%E5%90%8C%201/ledger"));
        assertNull(OwnerForwarding.contractOf("/api/contracts/lint"), "a draft's lint is of no contract");
        assertNull(OwnerForwarding.contractOf("/api/contracts"));
        assertNull(OwnerForwarding.contractOf("/api/health"));
        assertEquals("lint", OwnerForwarding.contractOf("/api/contracts/lint/facts"));
    }

    @Test
    void a_definition_names_its_contract_by_its_top_level_id_only() {
        assertEquals("bj-hrss-2023", OwnerForwarding.definedContract(
                "{\"parties\":{\"id\":\"nested\"},\"id\":\"bj-hrss-2023\",\"version\":2}".getBytes()));
        assertNull(OwnerForwarding.definedContract("{\"version\":2}".getBytes()));
        assertNull(OwnerForwarding.definedContract("{\"id\":7}".getBytes()));
        assertNull(OwnerForwarding.definedContract("[1,2]".getBytes()));
        assertNull(OwnerForwarding.definedContract("not json".getBytes()));
    }
}
