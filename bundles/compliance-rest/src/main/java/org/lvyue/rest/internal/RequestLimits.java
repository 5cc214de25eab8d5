package org.lvyue.rest.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

import javax.annotation.Priority;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;

/**
 * The largest request body each address accepts: domain bundles ({@code POST /domains}) and
 * certificate files have limits of their own, every other body (JSON batches, CSV sheets, contract
 * definitions) {@link #maxRequestBytes}. A declared {@code Content-Length} beyond the limit is
 * refused before anything is read; a body without one (chunked) is counted while it is read and
 * refused as soon as it passes the limit. Either way the answer is 413 and nothing is stored, since
 * every intake reads its whole body before it validates.
 * <p>
 * An answer given before the body was read to its end (a 413, or a 400 for JSON nested too deep)
 * says {@code Connection: close}: the servlet container drops such a connection after answering, and
 * a client keeping connections alive must not send its next request down it.
 */
@PreMatching
@Priority(100) // before authentication: a refused body is never read, whoever sends it
final class RequestLimits implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String BODY = RequestLimits.class.getName() + ".body";
    static final long DEFAULT_MAX_REQUEST_BYTES = 32L * 1024 * 1024;
    static final long DEFAULT_MAX_CERTIFICATE_BYTES = 256L * 1024 * 1024;
    private static final Pattern CERTIFICATES = Pattern.compile("/?contracts/[^/]+/certificates/?");
    private static final Pattern DOMAINS = Pattern.compile("/?domains/?");

    final long maxRequestBytes;
    final long maxCertificateBytes;
    final long maxBundleBytes;

    RequestLimits(long maxRequestBytes, long maxCertificateBytes, long maxBundleBytes) {
        this.maxRequestBytes = maxRequestBytes;
        this.maxCertificateBytes = maxCertificateBytes;
        this.maxBundleBytes = maxBundleBytes;
    }

    static RequestLimits defaults() {
        return new RequestLimits(DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_CERTIFICATE_BYTES, DeployFolder.DEFAULT_MAX_BYTES);
    }

    /** The limit of a path relative to {@code /api}, e.g. {@code contracts/x/facts}. */
    long limitOf(String path) {
        if (CERTIFICATES.matcher(path).matches()) {
            return maxCertificateBytes;
        }
        if (DOMAINS.matcher(path).matches()) {
            return maxBundleBytes;
        }
        return maxRequestBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long limit = limitOf(request.getUriInfo().getPath());
        Bounded body = new Bounded(request.getEntityStream(), limit);
        request.setProperty(BODY, body);
        if (declaredLength(request) > limit) {
            throw new TooLargeException(limit);
        }
        request.setEntityStream(body);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        long declared = declaredLength(request);
        boolean hasBody = declared > 0 || request.getHeaderString("Transfer-Encoding") != null;
        if (hasBody && request.getProperty(BODY) instanceof Bounded body && !body.readToEnd(declared)) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }

    /** The {@code Content-Length} the client declared, or -1. */
    private static long declaredLength(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return length != null && length.trim().matches("\\d{1,18}") ? Long.parseLong(length.trim()) : -1;
    }

    /** A request body beyond its address's limit: 413 (see {@link ErrorMappers}). */
    static final class TooLargeException extends WebApplicationException {
        private static final long serialVersionUID = 1L;
        final long limit;

        TooLargeException(long limit) {
            super("request body larger than " + limit + " bytes", 413);
            this.limit = limit;
        }
    }

    /** Counts what is read and fails once more than the limit has come. */
    static final class Bounded extends FilterInputStream {
        private final long limit;
        private long count;
        private boolean ended;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            } else {
                ended = true;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            } else if (n < 0) {
                ended = true;
            }
            return n;
        }

        /** Whether every byte of the body was read: its end seen, or as many bytes as were declared. */
        boolean readToEnd(long declared) {
            return ended || (declared >= 0 && count >= declared);
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            add(skipped);
            return skipped;
        }

        private void add(long n) {
            count += n;
            if (count > limit) {
                throw new TooLargeException(limit);
            }
        }
    }
}
