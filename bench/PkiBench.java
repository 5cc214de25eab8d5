import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issue #5 figures against a running distribution on loopback: 22,500 user certificates (PEM files in
 * a zip, one CA) plus a CRL of 2,000 entries imported over REST and checked, end to end; then a new
 * CRL of 2,000 other entries, to its re-checked findings. The material is generated here with
 * BouncyCastle (generation is not timed); the CA goes into the trust anchor folder ({@code -Danchors}),
 * so every signature is verified and every chain walked to it.
 * Usage: bench/pki-bench.sh
 */
public class PkiBench {
    static final BouncyCastleProvider BC = new BouncyCastleProvider();
    static final String BASE = "http://127.0.0.1:8181/api/contracts/bj-hrss-2022";

    public static void main(String[] args) throws Exception {
        int certificates = args.length > 0 ? Integer.parseInt(args[0]) : 22_500;
        int revoked = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", BC);
        g.initialize(2048);
        KeyPair caKeys = g.generateKeyPair();
        KeyPair userKeys = g.generateKeyPair();
        X500Name caName = new X500Name("CN=北京市人社局用户 CA,O=BJ-HRSS");
        Instant now = Instant.now();
        ContentSigner caSigner = new JcaContentSignerBuilder("SHA256withRSA").setProvider(BC).build(caKeys.getPrivate());
        ByteArrayOutputStream zipBytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipBytes)) {
            X509CertificateHolder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, Date.from(now.minus(400, ChronoUnit.DAYS)),
                    Date.from(now.plus(3650, ChronoUnit.DAYS)), caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)).build(caSigner);
            entry(zip, "ca.pem", pem(ca));
            // the CA is the configured trust anchor, as in production: every chain verifies to it
            java.nio.file.Files.write(java.nio.file.Path.of(System.getProperty("anchors"), "user-ca.pem"), pem(ca));
            for (int i = 0; i < certificates; i++) {
                // about 1 in 40 expire within the warning window, 1 in 100 have expired
                long lifeDays = i % 100 == 0 ? -3 : i % 40 == 0 ? 10 : 365 + i % 300;
                X509CertificateHolder c = new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(1000 + i),
                        Date.from(now.minus(30, ChronoUnit.DAYS)), Date.from(now.plus(lifeDays, ChronoUnit.DAYS)),
                        new X500Name("CN=用户" + i + ",OU=社保卡"), userKeys.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false)).build(caSigner);
                entry(zip, "users/" + i + ".pem", pem(c));
            }
            entry(zip, "user-ca.crl", crl(caName, caSigner, now.minus(1, ChronoUnit.HOURS), 1000, revoked));
        }
        System.out.printf("generated %d certificates and a CRL of %d entries (%d KB zip)%n", certificates, revoked,
                zipBytes.size() / 1024);

        long t0 = System.nanoTime();
        String first = post("certs.zip", zipBytes.toByteArray());
        double importMs = (System.nanoTime() - t0) / 1e6;
        System.out.printf("import and check of %d certificates + CRL: %.0f ms  %s%n", certificates, importMs, first);

        byte[] update = crl(caName, caSigner, now, 1000 + revoked, revoked);
        t0 = System.nanoTime();
        String second = post("update.crl", update);
        double updateMs = (System.nanoTime() - t0) / 1e6;
        System.out.printf("new CRL of %d entries to re-checked findings: %.0f ms  %s%n", revoked, updateMs, second);
    }

    static byte[] crl(X500Name ca, ContentSigner signer, Instant at, long firstSerial, int entries) throws Exception {
        X509v2CRLBuilder b = new X509v2CRLBuilder(ca, Date.from(at));
        b.setNextUpdate(Date.from(at.plus(1, ChronoUnit.DAYS)));
        for (int i = 0; i < entries; i++) {
            b.addCRLEntry(BigInteger.valueOf(firstSerial + i), Date.from(at.minus(1, ChronoUnit.DAYS)), CRLReason.superseded);
        }
        return b.build(signer).getEncoded();
    }

    static byte[] pem(Object o) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static void entry(ZipOutputStream zip, String name, byte[] content) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    static String post(String name, byte[] body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(BASE + "/certificates?name=" + name))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("engineer:engineer".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
        }
        return r.body().length() > 200 ? r.body().substring(0, 200) : r.body();
    }
}
