package org.lvyue.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.signing.DocumentSigner;
import org.lvyue.api.signing.SignatureCheck;
import org.lvyue.api.signing.SignerIdentity;

class VerifyCommandTest {
    @TempDir
    Path dir;

    /** "Signs" with the document's SHA-256; anything of another length is not a signature at all. */
    static final class Signer implements DocumentSigner {
        @Override
        public byte[] sign(byte[] document) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(document);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public SignatureCheck verify(byte[] document, byte[] signature) {
            if (signature.length != 32) {
                throw new InvalidInputException("签名不是 CMS SignedData", List.of(new FactProblem(-1, "signature", "无法解析")));
            }
            boolean valid = Arrays.equals(sign(document), signature);
            return new SignatureCheck(valid, valid ? null : "文档与签名不符 (the document does not match the signature)",
                    "CN=履约 演示签名", "SM3withSM2", "c0ffee", Instant.parse("2023-01-10T02:00:00Z"), true);
        }

        @Override
        public SignerIdentity signer() {
            throw new UnsupportedOperationException();
        }
    }

    private VerifyCommand command(Path document, Path signature) {
        VerifyCommand c = new VerifyCommand();
        c.signer = new Signer();
        c.document = document.toString();
        c.signature = signature.toString();
        return c;
    }

    private static String cells(String line) {
        return line.replaceAll("[ \u3000]*\\|[ \u3000]*", "|").strip();
    }

    @Test
    @DisplayName("a matching signature is valid, with algorithm, signing time in Beijing, signer and product key")
    void validSignature() throws Exception {
        Path pdf = Files.write(dir.resolve("r.pdf"), "%PDF-1.7 报告".getBytes(StandardCharsets.UTF_8));
        Path p7s = Files.write(dir.resolve("r.pdf.p7s"), new Signer().sign(Files.readAllBytes(pdf)));
        String out = Run.output(command(pdf, p7s));
        List<String> lines = out.lines().map(VerifyCommandTest::cells).toList();
        assertEquals("签名有效 (signature valid)", lines.get(0));
        assertTrue(lines.containsAll(List.of("有效 (valid)|是 (yes)", "算法 (algorithm)|SM3withSM2",
                "签名时间 (signed at)|2023-01-10T10:00:00+08:00", "本产品密钥 (product key)|是 (yes)",
                "签名者 (signer)|CN=履约 演示签名")), out);
    }

    @Test
    @DisplayName("a changed document is an answer, invalid with the reason, not an error")
    void tamperedDocument() throws Exception {
        Path pdf = Files.write(dir.resolve("r.pdf"), "%PDF-1.7 报告".getBytes(StandardCharsets.UTF_8));
        Path p7s = Files.write(dir.resolve("r.pdf.p7s"), new Signer().sign(Files.readAllBytes(pdf)));
        Files.write(pdf, "%PDF-1.7 报告!".getBytes(StandardCharsets.UTF_8));
        List<String> lines = Run.output(command(pdf, p7s)).lines().map(VerifyCommandTest::cells).toList();
        assertEquals("签名无效 (signature INVALID)", lines.get(0));
        assertTrue(lines.contains("有效 (valid)|否 (no)") && lines.contains("原因 (reason)|文档与签名不符 (the document does not match the signature)"),
                lines.toString());
    }

    @Test
    @DisplayName("a missing file and a file that is no signature are refused with one clear line")
    void refusesMissingFilesAndNonSignatures() throws Exception {
        Path pdf = Files.write(dir.resolve("r.pdf"), new byte[] {1, 2, 3});
        assertEquals("签名文件不存在 (signature file not found)：" + dir.resolve("none.p7s"),
                Run.refusal(command(pdf, dir.resolve("none.p7s"))));
        Path text = Files.write(dir.resolve("notes.txt"), "hello".getBytes(StandardCharsets.UTF_8));
        assertEquals("签名不是 CMS SignedData（signature: 无法解析）", Run.refusal(command(pdf, text)));
        VerifyCommand noSigner = command(pdf, text);
        noSigner.signer = null;
        assertTrue(Run.refusal(noSigner).startsWith("签名服务不可用"));
    }
}
