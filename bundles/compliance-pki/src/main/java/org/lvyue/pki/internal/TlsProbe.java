package org.lvyue.pki.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Reads the certificate chain a TLS server presents. The probe accepts any chain on purpose: its job
 * is to collect the certificates in use, and the baseline checks then judge them (expiry, chain to a
 * configured anchor, revocation, algorithms). Nothing is sent over the connection after the
 * handshake. The JDK's TLS cannot speak the GM/T TLCP protocol, so SM2-only servers are out of reach.
 */
final class TlsProbe {
    private TlsProbe() {
    }

    /** A {@code host:port} target; IPv6 addresses in brackets ({@code [::1]:443}). */
    record Target(String host, int port) {
        static Target parse(String target) {
            String t = target.trim();
            int colon = t.lastIndexOf(':');
            if (colon <= 0 || colon == t.length() - 1) {
                throw new IllegalArgumentException("TLS 目标应为 主机:端口，如 idp.example.gov.cn:443，实际为 '" + target + "'");
            }
            String host = t.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(t.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("TLS 目标的端口应为 1 到 65535，实际为 '" + target + "'");
            }
            return new Target(host, port);
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** The chain, leaf first, as DER files named {@code tls:host:port#0.cer}, ... */
    static Map<String, byte[]> chain(Target target, Duration timeout) throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(target.host(), target.port()), millis);
            raw.setSoTimeout(millis);
            try (SSLSocket tls = (SSLSocket) context().getSocketFactory().createSocket(raw, target.host(), target.port(), false)) {
                if (!Character.isDigit(target.host().charAt(0)) && !target.host().contains(":")) {
                    SSLParameters p = tls.getSSLParameters();
                    p.setServerNames(List.of(new SNIHostName(target.host())));
                    tls.setSSLParameters(p);
                }
                tls.startHandshake();
                Certificate[] chain = tls.getSession().getPeerCertificates();
                Map<String, byte[]> files = new LinkedHashMap<>();
                for (int i = 0; i < chain.length; i++) {
                    files.put("tls:" + target + "#" + i + ".cer", chain[i].getEncoded());
                }
                return files;
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static SSLContext context() throws GeneralSecurityException {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, new TrustManager[] {new CollectEveryChain()}, null);
        return c;
    }

    /** Lets every chain through the handshake so it can be collected; the baseline checks judge it. */
    private static final class CollectEveryChain implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("the probe is a client");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // accepted: collected, not trusted
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
