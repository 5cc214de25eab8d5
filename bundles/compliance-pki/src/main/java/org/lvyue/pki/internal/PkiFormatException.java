package org.lvyue.pki.internal;

/** A file that is not a certificate, a CRL or a PKCS#7 bundle of them; the message names the file (Chinese first). */
public class PkiFormatException extends Exception {
    private final String file;

    public PkiFormatException(String file, String reason) {
        super("文件 " + file + "：" + reason);
        this.file = file;
    }

    public String file() {
        return file;
    }
}
