package org.lvyue.pki.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * A TLS server on loopback presenting a given chain (RSA keys: the JDK's TLS), answering every
 * handshake until closed. For the probe's tests; the port is chosen by the system.
 */
public final class LoopbackTlsServer implements AutoCloseable {
    private final SSLServerSocket socket;
    private final Thread acceptor;

    public LoopbackTlsServer(TestPki.Issued leaf, X509CertificateHolder... issuers) throws Exception {
        JcaX509CertificateConverter convert = new JcaX509CertificateConverter().setProvider(TestPki.BC);
        X509Certificate[] chain = new X509Certificate[issuers.length + 1];
        chain[0] = convert.getCertificate(leaf.certificate());
        for (int i = 0; i < issuers.length; i++) {
            chain[i + 1] = convert.getCertificate(issuers[i]);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", leaf.keys().getPrivate(), "test".toCharArray(), chain);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "test".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "loopback-tls");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (SSLSocket s = (SSLSocket) socket.accept()) {
                s.startHandshake();
                s.getInputStream().read();
            } catch (IOException e) {
                // a client that left early, or the server closing
            }
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A TCP server that accepts and then says nothing: a handshake against it can only time out. */
    public static ServerSocket silent() throws IOException {
        ServerSocket s = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try {
                    Socket held = s.accept();
                    held.setSoTimeout(0);
                } catch (IOException e) {
                    // closing
                }
            }
        }, "loopback-silent");
        t.setDaemon(true);
        t.start();
        return s;
    }
}
