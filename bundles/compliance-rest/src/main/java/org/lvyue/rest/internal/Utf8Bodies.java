package org.lvyue.rest.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.annotation.Priority;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.MediaType;

/**
 * JSON bodies must be UTF-8 (RFC 8259), strictly: Jackson decodes overlong forms ({@code C0 AF} as
 * '/'), encoded surrogates and code points beyond U+10FFFF without complaint, the classic way past a
 * filter that looks for '/' or '..'. Each JSON body is checked byte by byte while it is read, and the
 * first invalid sequence is refused with its line and byte offset, before any of it is stored.
 */
@PreMatching
@Priority(110)
final class Utf8Bodies implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type != null && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
            request.setEntityStream(new Strict(request.getEntityStream()));
        }
    }

    /** The body is not UTF-8: 400 (see {@link ErrorMappers}). */
    static final class InvalidUtf8Exception extends WebApplicationException {
        private static final long serialVersionUID = 1L;
        final long offset;
        final long line;

        InvalidUtf8Exception(long offset, long line) {
            super("invalid UTF-8 at byte " + offset, 400);
            this.offset = offset;
            this.line = line;
        }
    }

    /** Passes the bytes on and fails at the first one that breaks UTF-8 (RFC 3629, Table 3-7 of Unicode). */
    static final class Strict extends FilterInputStream {
        private long offset;
        private long line = 1;
        private int need;
        private int low = 0x80;
        private int high = 0xBF;

        Strict(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                end();
            } else {
                check(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n < 0) {
                end();
            }
            for (int i = 0; i < n; i++) {
                check(buffer[off + i] & 0xFF);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipped bytes are not read by anyone: checking them is not needed, but keep the position right
            byte[] sink = new byte[(int) Math.min(n, 8192)];
            int read = read(sink, 0, sink.length);
            return Math.max(read, 0);
        }

        private void end() {
            if (need > 0) {
                throw new InvalidUtf8Exception(offset, line);
            }
        }

        private void check(int b) {
            if (need == 0) {
                if (b < 0x80) {
                    if (b == '\n') {
                        line++;
                    }
                } else if (b >= 0xC2 && b <= 0xDF) {
                    expect(1, 0x80, 0xBF);
                } else if (b == 0xE0) {
                    expect(2, 0xA0, 0xBF); // no overlong three-byte forms
                } else if (b == 0xED) {
                    expect(2, 0x80, 0x9F); // no surrogates
                } else if (b >= 0xE1 && b <= 0xEF) {
                    expect(2, 0x80, 0xBF);
                } else if (b == 0xF0) {
                    expect(3, 0x90, 0xBF);
                } else if (b >= 0xF1 && b <= 0xF3) {
                    expect(3, 0x80, 0xBF);
                } else if (b == 0xF4) {
                    expect(3, 0x80, 0x8F); // nothing beyond U+10FFFF
                } else {
                    throw new InvalidUtf8Exception(offset, line);
                }
            } else {
                if (b < low || b > high) {
                    throw new InvalidUtf8Exception(offset, line);
                }
                need--;
                low = 0x80;
                high = 0xBF;
            }
            offset++;
        }

        private void expect(int continuation, int firstLow, int firstHigh) {
            need = continuation;
            low = firstLow;
            high = firstHigh;
        }
    }
}
