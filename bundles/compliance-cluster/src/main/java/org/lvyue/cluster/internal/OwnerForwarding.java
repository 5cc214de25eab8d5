package org.lvyue.cluster.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;

import org.lvyue.api.cluster.ContractOwners;
import org.lvyue.api.security.FieldCipher;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a contract's API requests to the node that owns the contract, so that a client, the console or a load
 * balancer in front of the nodes need know nothing of ownership: the request goes out as it came (method, path,
 * query, headers, body; the owner authenticates and authorises it), the owner's answer comes back as it was given,
 * and {@value #NODE} names the node that answered the client, {@value #OWNER} the owner. A contract whose owner is
 * gone and not yet replaced, or unreachable, is answered 503 with {@code Retry-After}. A request that arrives from a
 * peer ({@link ForwardedHeader}) is never sent on again, and its client address is the one the peer vouched for.
 * On a single node it does nothing.
 */
@Component(service = Filter.class, configurationPid = ClusterConfig.PID, property = {
        "osgi.http.whiteboard.filter.pattern=/api/*",
        "osgi.http.whiteboard.filter.name=lvyue-owner-forwarding"})
public final class OwnerForwarding implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerForwarding.class);
    static final String NODE = "X-Lvyue-Node";
    static final String OWNER = "X-Lvyue-Owner";
    static final String PREFIX = "/api/contracts/";
    /** The largest contract definition read here for the contract it names; the owner's own limits are lower. */
    static final int MAX_BODY = 256 * 1024 * 1024;
    /** Not sent on: hop-by-hop, set by the HTTP client itself, or this node's own. */
    private static final Set<String> REQUEST_SKIPPED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "http2-settings",
            ForwardedHeader.NAME.toLowerCase(Locale.ROOT));
    private static final Set<String> RESPONSE_SKIPPED = Set.of("connection", "keep-alive", "transfer-encoding", "trailer",
            "upgrade", NODE.toLowerCase(Locale.ROOT), OWNER.toLowerCase(Locale.ROOT), ":status");

    private final ContractOwners owners;
    private final Duration timeout;
    private final HttpClient client;
    private volatile FieldCipher cipher;
    /** When an unreachable owner was last logged ({@link System#nanoTime}). */
    private volatile long lastUnreachable = System.nanoTime() - WARN_EVERY_NANOS - 1;
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;

    @Activate
    public OwnerForwarding(@Reference ContractOwners owners, ClusterConfig config) {
        this.owners = owners;
        this.timeout = Duration.ofSeconds(Math.max(1, config.forwardTimeoutSeconds()));
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The cluster's shared key signs what a node vouches for; without it a peer's client address is not believed. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindCipher(FieldCipher c) {
        cipher = c;
    }

    void unbindCipher(FieldCipher c) {
        if (cipher == c) {
            cipher = null;
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!owners.clustered() || !(request instanceof HttpServletRequest req)
                || !(response instanceof HttpServletResponse resp)) {
            chain.doFilter(request, response);
            return;
        }
        resp.setHeader(NODE, owners.nodeId());
        String contractId = contractOf(path(req));
        Optional<ForwardedHeader> from = ForwardedHeader.parse(req.getHeader(ForwardedHeader.NAME))
                .filter(h -> h.trusted(cipher, Instant.now(), requestLine(req)));
        HttpServletRequest served = from.<HttpServletRequest>map(h -> new FromClient(req, h.client())).orElse(req);
        if (contractId == null && "POST".equals(req.getMethod()) && DEFINITIONS.equals(path(req))) {
            // a contract's definition names the contract in its body: its new version goes to its owner
            byte[] body = readBody(req, resp);
            if (body == null) {
                return;
            }
            served = new Buffered(served, body);
            String defined = definedContract(body);
            Optional<ContractOwners.Owner> owner = defined == null ? Optional.empty() : owners.owner(defined);
            if (owner.isPresent() && !owner.get().here() && from.isEmpty()) {
                forward(served, resp, defined, owner.get());
                return;
            }
            // a new contract, or one nobody owns now: defined here, this node claims it
        }
        if (contractId == null) {
            chain.doFilter(served, resp);
            return;
        }
        Optional<ContractOwners.Owner> owner = owners.owner(contractId);
        if (owner.isPresent() && owner.get().here()) {
            resp.setHeader(OWNER, owners.nodeId());
            chain.doFilter(served, resp);
        } else if (owner.isEmpty() || from.isPresent()) {
            // no owner now, or a peer thought this node was it: never a second hop
            unavailable(resp, "合同 " + contractId + " 正在集群节点之间转移，本次请求未执行；请在 "
                    + owners.failoverSeconds() + " 秒后重试", "contract " + contractId
                    + " is moving between the cluster's nodes; nothing was done, retry later");
        } else {
            forward(req, resp, contractId, owner.get());
        }
    }

    /** The contract a path under {@code /api} names, or null: {@code /api/contracts/{id}} and below. */
    static String contractOf(String path) {
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String id = URLDecoder.decode(slash < 0 ? rest : rest.substring(0, slash), StandardCharsets.UTF_8);
        // POST /api/contracts/lint checks a draft, of no contract
        return id.isEmpty() || (slash < 0 && id.equals("lint")) ? null : id;
    }

    /** Where contract definitions are posted. */
    static final String DEFINITIONS = "/api/contracts";

    private static String path(HttpServletRequest req) {
        return req.getRequestURI().substring(req.getContextPath().length());
    }

    /** The body, at most {@link #MAX_BODY}; null when it was larger (then answered 413). */
    private static byte[] readBody(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            resp.setStatus(413);
            return null;
        }
        return body;
    }

    /** The {@code id} at the top of a contract definition (JSON), or null when it has none or is no JSON object. */
    static String definedContract(byte[] body) {
        try (com.fasterxml.jackson.core.JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String field = p.currentName();
                com.fasterxml.jackson.core.JsonToken value = p.nextToken();
                if ("id".equals(field)) {
                    return value == com.fasterxml.jackson.core.JsonToken.VALUE_STRING ? p.getText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null; // not JSON: the API answers it with the line and column
        }
    }

    private static final com.fasterxml.jackson.core.JsonFactory JSON = new com.fasterxml.jackson.core.JsonFactory();

    private static String requestLine(HttpServletRequest req) {
        return req.getMethod() + " " + req.getRequestURI() + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
    }

    /**
     * The owner's answer, or null when the contract changed hands while the owner was asked (a paused owner accepts
     * connections and answers nothing): what it did with the request is not known, and a client retries it.
     */
    private HttpResponse<InputStream> awaitOwner(java.util.concurrent.CompletableFuture<HttpResponse<InputStream>> answer,
                                                 String contractId, ContractOwners.Owner owner)
            throws IOException, InterruptedException {
        while (true) {
            try {
                return answer.get(1, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException stillWaiting) {
                Optional<ContractOwners.Owner> now = owners.owner(contractId);
                if (now.isEmpty() || !now.get().nodeId().equals(owner.nodeId())) {
                    answer.cancel(true);
                    return null;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(e.getCause());
            }
        }
    }

    private void forward(HttpServletRequest req, HttpServletResponse resp, String contractId, ContractOwners.Owner owner)
            throws IOException {
        String line = requestLine(req);
        URI target = URI.create(owner.url() + line.substring(line.indexOf(' ') + 1));
        HttpRequest.Builder out = HttpRequest.newBuilder(target).timeout(timeout).method(req.getMethod(), bodyOf(req));
        for (String name : Collections.list(req.getHeaderNames())) {
            if (!REQUEST_SKIPPED.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : Collections.list(req.getHeaders(name))) {
                    out.header(name, value);
                }
            }
        }
        out.header(ForwardedHeader.NAME,
                ForwardedHeader.sign(cipher, owners.nodeId(), req.getRemoteAddr(), Instant.now(), line).value());
        HttpResponse<InputStream> answer;
        try {
            answer = awaitOwner(client.sendAsync(out.build(), HttpResponse.BodyHandlers.ofInputStream()), contractId, owner);
            if (answer == null) {
                unavailable(resp, "合同 " + contractId + " 已在处理中转移到另一节点，本次请求结果未知；请在 " + owners.failoverSeconds()
                        + " 秒后以相同的编号重试", "contract " + contractId + " moved to another node while its owner was"
                        + " asked; the outcome is unknown: retry later with the same ids");
                return;
            }
        } catch (IOException e) {
            long now = System.nanoTime();
            long last = lastUnreachable;
            if (now - last > WARN_EVERY_NANOS) { // once in a while: a dead owner fails every request until replaced
                lastUnreachable = now;
                LOG.warn("Request {} could not reach the contract's owner {} at {}: {}", line, owner.nodeId(), owner.url(),
                        e.toString());
            }
            unavailable(resp, "合同所在节点 " + owner.nodeId() + " 暂时无法访问，本次请求未执行；请在 "
                    + owners.failoverSeconds() + " 秒后重试", "the contract's node " + owner.nodeId()
                    + " cannot be reached; nothing was done here, retry later");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resp.setStatus(503);
            return;
        }
        resp.setStatus(answer.statusCode());
        answer.headers().map().forEach((name, values) -> {
            if (!RESPONSE_SKIPPED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> resp.addHeader(name, v));
            }
        });
        resp.setHeader(NODE, owners.nodeId());
        resp.setHeader(OWNER, owner.nodeId());
        try (InputStream in = answer.body(); OutputStream o = resp.getOutputStream()) {
            in.transferTo(o);
        }
    }

    /**
     * The request's body as it arrives, streamed to the owner (this node keeps none of it; the owner's limits apply),
     * with its length when the client gave one.
     */
    private static HttpRequest.BodyPublisher bodyOf(HttpServletRequest req) {
        long length = req.getContentLengthLong();
        if (length == 0 || length < 0 && req.getHeader("Transfer-Encoding") == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return req.getInputStream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
    }

    private void unavailable(HttpServletResponse resp, String message, String messageEn) throws IOException {
        resp.setStatus(503);
        resp.setHeader("Retry-After", Integer.toString(owners.failoverSeconds()));
        resp.setContentType("application/json;charset=UTF-8");
        byte[] body = ("{\"status\":503,\"error\":\"unavailable\",\"message\":" + quoted(message) + ",\"messageEn\":"
                + quoted(messageEn) + ",\"problems\":[]}").getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /** A JSON string of {@code s}. */
    static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The request with its body read already, for the servlet to read again. */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public javax.servlet.ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
            return new javax.servlet.ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(javax.servlet.ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    getCharacterEncoding() == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(getCharacterEncoding())));
        }
    }

    /** The request as the client a peer vouched for sent it. */
    private static final class FromClient extends HttpServletRequestWrapper {
        private final String client;

        FromClient(HttpServletRequest request, String client) {
            super(request);
            this.client = client;
        }

        @Override
        public String getRemoteAddr() {
            return client;
        }

        @Override
        public String getRemoteHost() {
            return client;
        }
    }
}
