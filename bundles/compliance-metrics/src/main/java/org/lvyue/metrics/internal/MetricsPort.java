package org.lvyue.metrics.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * {@code /metrics} on a port of its own, without a login: for a Prometheus that scrapes over a network the
 * product's users never reach. The JDK's HTTP server, one thread.
 */
final class MetricsPort implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService thread;

    private MetricsPort(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    static MetricsPort open(String address, int port, Metrics metrics) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("metrics port " + address + ":" + port + " cannot be opened", e);
        }
        server.createContext("/metrics", exchange -> {
            try (exchange) {
                if (!"GET".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
                metrics.write(out);
                exchange.getResponseHeaders().set("Content-Type", metrics.contentType());
                exchange.sendResponseHeaders(200, out.size());
                try (OutputStream body = exchange.getResponseBody()) {
                    out.writeTo(body);
                }
            }
        });
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lvyue-metrics-port");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(thread);
        server.start();
        return new MetricsPort(server, thread);
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
