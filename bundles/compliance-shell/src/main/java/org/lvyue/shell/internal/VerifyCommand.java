package org.lvyue.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.lvyue.api.signing.DocumentSigner;
import org.lvyue.api.signing.SignatureCheck;

/**
 * {@code compliance:verify}: checks a detached CMS signature ({@code .p7s}, DER or PEM) against a
 * document with the product's signature check, the one behind {@code POST /api/signatures/verify}.
 * An invalid signature is an answer (with the reason), not an error.
 */
@Service
@Command(scope = "compliance", name = "verify", description = "验证文档的分离签名（.p7s）：是否有效、原因、算法、签名时间、是否本产品密钥 "
        + "(verifies a detached CMS signature against a document: valid, reason, algorithm, signing time, product key)")
public class VerifyCommand extends ComplianceAction {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Reference(optional = true)
    DocumentSigner signer;

    @Reference(optional = true)
    Session session;

    @Argument(index = 0, name = "document", required = true, description = "被签名的文档，如报告 PDF (the signed document)")
    @Completion(FileCompleter.class)
    String document;

    @Argument(index = 1, name = "signature", required = true, description = "分离签名文件 .p7s，DER 或 PEM (the detached signature)")
    @Completion(FileCompleter.class)
    String signature;

    @Override
    void run(PrintStream out) throws Exception {
        byte[] doc = read(document, "文档", "document");
        byte[] sig = read(signature, "签名", "signature");
        DocumentSigner s = signer;
        if (s == null) {
            throw fail("签名服务不可用：compliance-signing 未运行或其密钥库无法打开，见日志与 etc/org.lvyue.signing.cfg "
                    + "(document signing is unavailable)");
        }
        SignatureCheck check = s.verify(doc, sig);
        out.println(check.valid() ? "签名有效 (signature valid)" : "签名无效 (signature INVALID)");
        Table table = Table.of("", "").noHeaders();
        table.row("有效 (valid)", check.valid() ? "是 (yes)" : "否 (no)");
        if (check.reason() != null) {
            table.row("原因 (reason)", check.reason());
        }
        table.row("算法 (algorithm)", orDash(check.algorithm()));
        table.row("签名时间 (signed at)", check.signedAt() == null ? "-"
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(check.signedAt().atZone(BEIJING)));
        table.row("签名者 (signer)", orDash(check.signerSubject()));
        table.row("证书 SHA-256 (certificate)", orDash(check.certificateSha256()));
        table.row("本产品密钥 (product key)", check.productKey() ? "是 (yes)" : "否 (no)");
        table.print(out, true);
    }

    private byte[] read(String name, String what, String whatEn) throws Exception {
        Path file = currentDir(session).resolve(name.trim()).toAbsolutePath().normalize();
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw fail(what + "文件不存在 (" + whatEn + " file not found)：" + file);
        } catch (IOException e) {
            throw fail("无法读取" + what + "文件 (cannot read the " + whatEn + " file) " + file + "：" + e);
        }
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
