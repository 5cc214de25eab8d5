package org.lvyue.signing.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSVerifierCertificateNotValidException;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.signing.DocumentSigner;
import org.lvyue.api.signing.SignatureCheck;
import org.lvyue.api.signing.SignerIdentity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs documents with the key of the configured PKCS#12 key store as detached CMS SignedData (DER,
 * signer certificate and signing time included) and checks such signatures. When the key store does
 * not exist, a demo key is generated there at activation; when it exists but cannot be used,
 * activation fails with the file and the reason, and the service stays unavailable. A new
 * configuration re-activates the component with the new key.
 */
@Component(service = DocumentSigner.class, configurationPid = CmsDocumentSigner.PID, immediate = true)
@Designate(ocd = SigningConfig.class)
public class CmsDocumentSigner implements DocumentSigner {
    static final String PID = "org.lvyue.signing";
    private static final Logger LOG = LoggerFactory.getLogger(CmsDocumentSigner.class);
    private static final ZoneId ZONE = ZoneId.of(org.lvyue.api.engine.EvaluationClock.ZONE);

    static final String ALTERED = "签名与文档不符：文档在签名后被改动过，或不是签名的那份文档 "
            + "(the document does not match the signature: it was altered after signing, or is another document)";
    static final String BROKEN = "签名值无效：签名数据被改动或已损坏 (the signature value does not verify: the signature was "
            + "altered or damaged)";
    static final String ALTERED_OR_BROKEN = "签名与文档不符：文档被改动过，或签名已损坏 "
            + "(the document does not match the signature: the document was altered, or the signature is damaged)";
    static final String NO_CERTIFICATE = "签名中没有签名者证书，无法验证 (the signature carries no signer certificate, "
            + "so it cannot be checked)";
    static final String NO_SIGNER = "签名中没有签名者信息（可能是证书包而不是签名） "
            + "(the signature holds no signer; it may be a certificate bundle, not a signature)";
    private static final String WHAT_TO_SEND = "请发送分离式 CMS/PKCS#7 SignedData（.p7s 文件）的 DER 字节，或其 PEM 文本"
            + "（-----BEGIN PKCS7----- 或 -----BEGIN CMS-----）";
    private static final String WHAT_TO_SEND_EN = "send the DER bytes of a detached CMS/PKCS#7 SignedData (a .p7s file), "
            + "or its PEM text";

    private final SigningKey key;

    @Activate
    public CmsDocumentSigner(SigningConfig config) {
        this(SigningKeys.resolve(config.keyStore(), System.getProperty("karaf.etc")), config._keyStorePassword(), config.alias(),
                config.algorithm());
    }

    /** Opens {@code keyStore}, generating a demo key of {@code algorithm} there first when the file does not exist. */
    CmsDocumentSigner(Path keyStore, String password, String alias, String algorithm) {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        if (Files.exists(keyStore)) {
            key = SigningKeys.open(keyStore, secret, alias);
            if (key.demo()) {
                LOG.warn("Formal reports are signed with the demo key of {} (certificate SHA-256 {}); put the real "
                        + "PKCS#12 key store there, or configure keyStore, '.keyStorePassword' and alias in etc/{}.cfg",
                        keyStore, key.fingerprint(), PID);
            } else {
                LOG.info("Signing with {} ({}, subject {}, certificate SHA-256 {})", keyStore, key.signatureAlgorithm(),
                        key.certificate().getSubject(), key.fingerprint());
            }
        } else {
            key = SigningKeys.generate(keyStore, secret, alias, algorithm);
            // INFO, not WARN: a first start without a key store is the demo distribution's normal start, and the
            // report itself says its key is a demo one (SignerIdentity.demo)
            LOG.info("No signing key store at {}: generated a demo {} key there (subject {}, certificate SHA-256 {}). "
                    + "Signatures made with it show a report is unaltered, not who issued it. For real signatures put your "
                    + "PKCS#12 key store (RSA or SM2 key with its certificate, alias '{}') at that path, or configure "
                    + "keyStore, '.keyStorePassword' and alias in etc/{}.cfg", keyStore, key.signatureAlgorithm(),
                    key.certificate().getSubject(), key.fingerprint(), alias, PID);
        }
        if (key.certificate().getNotAfter().before(new java.util.Date())) {
            LOG.warn("The signing certificate of {} expired on {}: signatures made with it do not verify",
                    keyStore, key.certificate().getNotAfter());
        }
    }

    @Override
    public byte[] sign(byte[] document) {
        if (document == null) {
            throw missing("document", "必填：要签名的文档内容 (required: the document to sign)");
        }
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(SigningKeys.BC).build())
                    .build(new JcaContentSignerBuilder(key.signatureAlgorithm()).setProvider(SigningKeys.BC)
                            .build(key.privateKey()), key.certificate()));
            generator.addCertificates(new org.bouncycastle.util.CollectionStore<>(key.chain()));
            // the default signed attributes: content type, message digest and signing time (now)
            return generator.generate(new CMSProcessableByteArray(document), false).getEncoded(ASN1Encoding.DER);
        } catch (CMSException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("签名失败：" + e.getMessage() + " (signing failed)", e);
        }
    }

    @Override
    public SignatureCheck verify(byte[] document, byte[] signature) {
        if (document == null) {
            throw missing("document", "必填：被签名的文档内容 (required: the signed document)");
        }
        if (signature == null || signature.length == 0) {
            throw missing("signature", "必填：签名。" + WHAT_TO_SEND + " (required: " + WHAT_TO_SEND_EN + ")");
        }
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(new CMSProcessableByteArray(document), contentInfo(signature));
        } catch (CMSException | RuntimeException e) {
            if (e instanceof InvalidInputException i) {
                throw i;
            }
            throw notSignedData("SignedData 结构无法解析（" + e.getMessage() + "）", "a malformed SignedData");
        }
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.isEmpty()) {
            return new SignatureCheck(false, NO_SIGNER, null, null, null, null, false);
        }
        SignatureCheck first = null;
        for (SignerInformation signer : signers) {
            SignatureCheck check = check(signed, signer);
            if (!check.valid()) {
                return check;
            }
            first = first == null ? check : first;
        }
        return first;
    }

    private SignatureCheck check(CMSSignedData signed, SignerInformation signer) {
        String algorithm = algorithmName(signer);
        Instant signedAt = signingTime(signer);
        X509CertificateHolder certificate = certificateOf(signed, signer);
        if (certificate == null) {
            return new SignatureCheck(false, NO_CERTIFICATE, null, algorithm, null, signedAt, false);
        }
        String fingerprint;
        try {
            fingerprint = SigningKeys.sha256(certificate.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String reason;
        try {
            boolean ok = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(SigningKeys.BC).build(certificate));
            reason = ok ? null : signer.getSignedAttributes() == null ? ALTERED_OR_BROKEN : BROKEN;
        } catch (CMSSignerDigestMismatchException e) {
            reason = ALTERED;
        } catch (CMSVerifierCertificateNotValidException e) {
            reason = "签名时间 " + signedAt + " 不在签名证书的有效期内（" + certificate.getNotBefore().toInstant() + " 至 "
                    + certificate.getNotAfter().toInstant() + "） (the signer certificate was not valid at the signing time)";
        } catch (java.security.cert.CertificateException e) {
            reason = "签名者证书无法读取（" + e.getMessage() + "） (the signer certificate cannot be read)";
        } catch (OperatorCreationException e) {
            reason = "不支持的签名算法或证书密钥（" + e.getMessage() + "） (unsupported signature algorithm or certificate key)";
        } catch (CMSException | RuntimeException e) {
            reason = "签名值无效：" + e.getMessage() + " (the signature value does not verify)";
        }
        return new SignatureCheck(reason == null, reason, certificate.getSubject().toString(), algorithm, fingerprint, signedAt,
                fingerprint.equals(key.fingerprint()));
    }

    /** The certificate the signer names among those the signature carries, else the product's own when it is named. */
    @SuppressWarnings("unchecked")
    private X509CertificateHolder certificateOf(CMSSignedData signed, SignerInformation signer) {
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
        if (!matches.isEmpty()) {
            return matches.iterator().next();
        }
        return signer.getSID().match(key.certificate()) ? key.certificate() : null;
    }

    private static Instant signingTime(SignerInformation signer) {
        AttributeTable attributes = signer.getSignedAttributes();
        Attribute time = attributes == null ? null : attributes.get(CMSAttributes.signingTime);
        if (time == null || time.getAttrValues().size() == 0) {
            return null;
        }
        try {
            return Time.getInstance(time.getAttrValues().getObjectAt(0)).getDate().toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code SHA256withRSA}, {@code SM3withSM2}: the JCA spelling of the signer's digest and signature algorithms. */
    static String algorithmName(SignerInformation signer) {
        String name = new DefaultCMSSignatureAlgorithmNameGenerator().getSignatureName(signer.getDigestAlgorithmID(),
                signer.getEncryptionAlgOID() == null ? null
                        : new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                                new org.bouncycastle.asn1.ASN1ObjectIdentifier(signer.getEncryptionAlgOID())));
        return name.replace("WITH", "with");
    }

    /** The ContentInfo of DER bytes or PEM text; anything that is not a CMS SignedData is refused with what to send. */
    static ContentInfo contentInfo(byte[] signature) {
        ContentInfo info;
        if (looksLikePem(signature)) {
            Object o;
            try (PEMParser pem = new PEMParser(new InputStreamReader(new ByteArrayInputStream(signature), StandardCharsets.US_ASCII))) {
                o = pem.readObject();
            } catch (IOException | RuntimeException e) {
                throw notSignedData("PEM 内容无法解析（" + e.getMessage() + "）", "unreadable PEM");
            }
            if (!(o instanceof ContentInfo ci)) {
                String what = o == null ? "没有 PEM 对象" : "PEM 中是 " + o.getClass().getSimpleName();
                throw notSignedData(what, o == null ? "no PEM object" : "the PEM holds a " + o.getClass().getSimpleName());
            }
            info = ci;
        } else {
            try {
                info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(signature));
            } catch (IOException | RuntimeException e) {
                throw notSignedData("不是 DER 编码的 CMS/PKCS#7 结构", "not a DER-encoded CMS/PKCS#7 structure");
            }
            if (info == null) {
                throw notSignedData("不是 DER 编码的 CMS/PKCS#7 结构", "not a DER-encoded CMS/PKCS#7 structure");
            }
        }
        if (!CMSObjectIdentifiers.signedData.equals(info.getContentType())) {
            throw notSignedData("是 CMS 结构，但内容类型是 " + info.getContentType() + " 而不是 SignedData",
                    "a CMS structure of type " + info.getContentType() + ", not SignedData");
        }
        return info;
    }

    private static boolean looksLikePem(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.US_ASCII);
        return head.contains("-----BEGIN ");
    }

    private static InvalidInputException notSignedData(String detail, String detailEn) {
        String reason = detail + "。" + WHAT_TO_SEND + " (" + detailEn + "; " + WHAT_TO_SEND_EN + ")";
        return new InvalidInputException("签名不是 CMS SignedData：" + detail + "。" + WHAT_TO_SEND
                + " (the signature is not a CMS SignedData: " + detailEn + "; " + WHAT_TO_SEND_EN + ")",
                List.of(new FactProblem(-1, "signature", reason)));
    }

    private static InvalidInputException missing(String field, String reason) {
        return new InvalidInputException("缺少 " + field + " (" + field + " is missing)", List.of(new FactProblem(-1, field, reason)));
    }

    @Override
    public SignerIdentity signer() {
        X509CertificateHolder c = key.certificate();
        String pem;
        try {
            pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new SignerIdentity(c.getSubject().toString(), key.signatureAlgorithm(), key.fingerprint(),
                c.getNotAfter().toInstant().atZone(ZONE).toLocalDate(), key.demo(), pem);
    }
}
