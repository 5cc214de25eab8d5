package org.lvyue.pki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The TLS probe against real TLS servers on loopback, started by the test. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TlsProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void the_probe_reads_the_chain_a_server_presents_leaf_first_even_an_untrusted_one() throws Exception {
        TestPki.Issued root = TestPki.authority("CN=探测根 CA", TestPki.rsa(2048), "SHA256withRSA");
        TestPki.Issued sub = TestPki.intermediate(root, "CN=探测服务器 CA", 2, TestPki.rsa(2048), "SHA256withRSA");
        TestPki.Issued server = TestPki.leaf(sub, "CN=localhost", 77, TestPki.rsa(2048), "SHA256withRSA",
                Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(90, ChronoUnit.DAYS), true);
        try (LoopbackTlsServer tls = new LoopbackTlsServer(server, sub.certificate())) {
            Map<String, byte[]> chain = TlsProbe.chain(TlsProbe.Target.parse("127.0.0.1:" + tls.port()), TIMEOUT);
            assertEquals(List.of("tls:127.0.0.1:" + tls.port() + "#0.cer", "tls:127.0.0.1:" + tls.port() + "#1.cer"),
                    List.copyOf(chain.keySet()));
            List<String> subjects = chain.entrySet().stream()
                    .map(e -> readOne(e.getKey(), e.getValue()).getSubject().toString()).toList();
            assertEquals(List.of("CN=localhost", "CN=探测服务器 CA"), subjects);
        }
    }

    private static org.bouncycastle.cert.X509CertificateHolder readOne(String name, byte[] der) {
        try {
            return PkiReader.read(name, der).certificates().get(0);
        } catch (PkiFormatException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_server_that_never_answers_the_handshake_ends_in_a_timeout_not_a_hang() throws Exception {
        try (ServerSocket silent = LoopbackTlsServer.silent()) {
            assertThrows(SocketTimeoutException.class,
                    () -> TlsProbe.chain(TlsProbe.Target.parse("127.0.0.1:" + silent.getLocalPort()), Duration.ofMillis(300)));
        }
    }

    @Test
    void a_closed_port_is_refused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int closed = port;
        assertThrows(ConnectException.class, () -> TlsProbe.chain(TlsProbe.Target.parse("127.0.0.1:" + closed), TIMEOUT));
    }

    @Test
    void a_malformed_target_is_refused_with_the_expected_form() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TlsProbe.Target.parse("idp.example"));
        assertTrue(e.getMessage().contains("主机:端口"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TlsProbe.Target.parse("idp.example:99999"));
        assertEquals(new TlsProbe.Target("::1", 8443), TlsProbe.Target.parse("[::1]:8443"));
        assertEquals("[::1]:8443", TlsProbe.Target.parse("[::1]:8443").toString());
    }
}
