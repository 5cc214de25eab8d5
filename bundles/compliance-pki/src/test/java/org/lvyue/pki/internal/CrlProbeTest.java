package org.lvyue.pki.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CRL probe against a real HTTP server on loopback and real files. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CrlProbeTest {
    private HttpServer http;
    private final CountDownLatch release = new CountDownLatch(1);
    private byte[] crl;

    @BeforeEach
    void serve() throws Exception {
        crl = TestPki.crl(TestPki.authority("CN=根 CA", TestPki.rsa(2048), "SHA256withRSA"), "SHA256withRSA", 9).getEncoded();
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/user-ca.crl", x -> {
            x.sendResponseHeaders(200, crl.length);
            x.getResponseBody().write(crl);
            x.close();
        });
        http.createContext("/slow.crl", x -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.close();
        });
        http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        http.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        http.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    @Test
    void a_crl_is_downloaded_over_http() throws Exception {
        assertArrayEquals(crl, CrlProbe.fetch(url("/user-ca.crl"), Duration.ofSeconds(2)));
    }

    @Test
    void a_crl_is_read_from_a_file_path_or_a_file_url(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("user-ca.crl"), crl);
        assertArrayEquals(crl, CrlProbe.fetch(file.toString(), Duration.ofSeconds(2)));
        assertArrayEquals(crl, CrlProbe.fetch(file.toUri().toString(), Duration.ofSeconds(2)));
    }

    @Test
    void a_missing_crl_is_an_error_naming_the_status_or_the_file(@TempDir Path dir) {
        IOException notFound = assertThrows(IOException.class, () -> CrlProbe.fetch(url("/gone.crl"), Duration.ofSeconds(2)));
        assertTrue(notFound.getMessage().startsWith("HTTP 404"), notFound.getMessage());
        IOException noFile = assertThrows(IOException.class,
                () -> CrlProbe.fetch(dir.resolve("none.crl").toString(), Duration.ofSeconds(2)));
        assertTrue(noFile.getMessage().startsWith("文件不存在"), noFile.getMessage());
    }

    @Test
    void a_server_that_never_answers_ends_in_a_timeout() {
        IOException e = assertThrows(IOException.class, () -> CrlProbe.fetch(url("/slow.crl"), Duration.ofMillis(300)));
        assertTrue(e.getMessage().startsWith("超时"), e.getMessage());
    }
}
