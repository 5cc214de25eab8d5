package org.lvyue.signing.internal;

/**
 * The configured key store cannot be used; the message names the file and the reason (Chinese, then
 * English). Thrown at activation, so the signer stays unavailable until the configuration is fixed.
 */
public class SigningKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SigningKeyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "无法使用签名密钥库 file：reason (cannot use the signing key store file: reasonEn)". */
    static SigningKeyException of(Object file, String reason, String reasonEn, Throwable cause) {
        return new SigningKeyException("无法使用签名密钥库 " + file + "：" + reason
                + " (cannot use the signing key store " + file + ": " + reasonEn + ")", cause);
    }
}
