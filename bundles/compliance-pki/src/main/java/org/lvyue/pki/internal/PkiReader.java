package org.lvyue.pki.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.openssl.PEMParser;

/**
 * Reads X.509 certificates and CRLs as engineers hand them over: PEM (one or many objects), DER, or a
 * PKCS#7 bundle (.p7b, PEM or DER), RSA and SM2 alike (BouncyCastle parses both without any JCA
 * provider). Anything else, and any private key, is refused with the file's name: a key never
 * enters the store.
 */
public final class PkiReader {
    private PkiReader() {
    }

    public static PkiContent read(String file, byte[] bytes) throws PkiFormatException {
        if (bytes.length == 0) {
            throw new PkiFormatException(file, "文件为空");
        }
        List<X509CertificateHolder> certificates = new ArrayList<>();
        List<X509CRLHolder> crls = new ArrayList<>();
        if (looksLikePem(bytes)) {
            readPem(file, bytes, certificates, crls);
        } else {
            readDer(file, bytes, certificates, crls);
        }
        if (certificates.isEmpty() && crls.isEmpty()) {
            throw new PkiFormatException(file, "没有证书或 CRL");
        }
        return new PkiContent(file, certificates, crls);
    }

    private static boolean looksLikePem(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.US_ASCII);
        return head.contains("-----BEGIN ");
    }

    private static void readPem(String file, byte[] bytes, List<X509CertificateHolder> certificates,
                                List<X509CRLHolder> crls) throws PkiFormatException {
        try (PEMParser pem = new PEMParser(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII))) {
            Object o;
            while ((o = pem.readObject()) != null) {
                if (o instanceof X509CertificateHolder c) {
                    certificates.add(c);
                } else if (o instanceof X509CRLHolder crl) {
                    crls.add(crl);
                } else if (o instanceof ContentInfo ci) {
                    addPkcs7(file, new CMSSignedData(ci), certificates, crls);
                } else {
                    throw new PkiFormatException(file, "含有不接受的对象（" + o.getClass().getSimpleName()
                            + "）；只接受证书、CRL 和 PKCS#7 证书包，私钥一律不接收");
                }
            }
        } catch (IOException | CMSException | RuntimeException e) {
            throw new PkiFormatException(file, "PEM 内容无法解析：" + e.getMessage());
        }
    }

    private static void readDer(String file, byte[] bytes, List<X509CertificateHolder> certificates,
                                List<X509CRLHolder> crls) throws PkiFormatException {
        try {
            certificates.add(new X509CertificateHolder(bytes));
            return;
        } catch (IOException | RuntimeException notACertificate) {
            // try the next form
        }
        try {
            crls.add(new X509CRLHolder(bytes));
            return;
        } catch (IOException | RuntimeException notACrl) {
            // try the next form
        }
        try {
            addPkcs7(file, new CMSSignedData(bytes), certificates, crls);
        } catch (CMSException | RuntimeException e) {
            throw new PkiFormatException(file, "不是 X.509 证书、CRL 或 PKCS#7 证书包（PEM 或 DER 格式）");
        }
    }

    @SuppressWarnings("unchecked")
    private static void addPkcs7(String file, CMSSignedData signed, List<X509CertificateHolder> certificates,
                                 List<X509CRLHolder> crls) throws PkiFormatException {
        certificates.addAll(signed.getCertificates().getMatches(null));
        crls.addAll(signed.getCRLs().getMatches(null));
    }
}
