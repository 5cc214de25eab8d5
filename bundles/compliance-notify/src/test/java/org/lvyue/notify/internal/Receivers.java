package org.lvyue.notify.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * The webhook receivers of the tests: a real HTTP server (the JDK's) that records every request per path and answers
 * as told, and a "black hole" that accepts connections and never answers (a receiver that hangs).
 */
final class Receivers implements AutoCloseable {
    /** One request as received. */
    record Request(String path, String query, Map<String, List<String>> headers, String body, long receivedNanos) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
    private final Map<String, BlockingQueue<Request>> received = new ConcurrentHashMap<>();
    /** Per path, how many requests still get a 500 before it accepts. */
    private final Map<String, AtomicInteger> failFirst = new ConcurrentHashMap<>();
    /** Per path, the body of a 200 answer (the robots answer JSON). */
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<Socket> held = new ArrayList<>();
    private ServerSocket blackHole;

    Receivers() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            AtomicInteger fails = failFirst.get(path);
            if (fails != null && fails.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            queue(path).add(new Request(path, exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                    body, System.nanoTime()));
            byte[] answer = answers.getOrDefault(path, "{\"ok\":true}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.setExecutor(threads);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    BlockingQueue<Request> queue(String path) {
        return received.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
    }

    /** The next request to the path, waiting at most {@code seconds}; null when none came. */
    Request next(String path, int seconds) throws InterruptedException {
        return queue(path).poll(seconds, TimeUnit.SECONDS);
    }

    void failFirst(String path, int times) {
        failFirst.put(path, new AtomicInteger(times));
    }

    void answer(String path, String json) {
        answers.put(path, json);
    }

    /** A URL whose server accepts the connection and never answers. */
    synchronized String hanging() throws IOException {
        if (blackHole == null) {
            blackHole = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
            Thread t = new Thread(() -> {
                while (!blackHole.isClosed()) {
                    try {
                        Socket s = blackHole.accept();
                        synchronized (held) {
                            held.add(s);
                        }
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "black-hole");
            t.setDaemon(true);
            t.start();
        }
        return "http://127.0.0.1:" + blackHole.getLocalPort() + "/hook";
    }

    /** A URL nothing listens on. */
    static String refused() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/hook";
        }
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        threads.shutdownNow();
        if (blackHole != null) {
            blackHole.close();
        }
        synchronized (held) {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
