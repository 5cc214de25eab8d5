package org.lvyue.pki.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Fetches a CRL from a file or an http(s) URL, within a time limit and a size limit. */
final class CrlProbe {
    static final int MAX_BYTES = 64 << 20;

    private CrlProbe() {
    }

    static byte[] fetch(String source, Duration timeout) throws IOException {
        String s = source.trim();
        if (s.startsWith("http://") || s.startsWith("https://")) {
            return download(URI.create(s), timeout);
        }
        Path file = Path.of(s.startsWith("file:") ? URI.create(s).getPath() : s);
        if (!Files.isRegularFile(file)) {
            throw new IOException("文件不存在：" + file);
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException("文件超过 " + (MAX_BYTES >> 20) + " MB：" + file);
        }
        return Files.readAllBytes(file);
    }

    private static byte[] download(URI uri, Duration timeout) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = r.body()) {
                if (r.statusCode() != 200) {
                    throw new IOException("HTTP " + r.statusCode() + "：" + uri);
                }
                byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new IOException("下载超过 " + (MAX_BYTES >> 20) + " MB：" + uri);
                }
                return bytes;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("下载被中断：" + uri, e);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new IOException("超时（" + timeout.toSeconds() + " 秒）：" + uri, e);
        }
    }
}
