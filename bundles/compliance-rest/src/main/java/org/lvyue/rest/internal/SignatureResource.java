package org.lvyue.rest.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.signing.DocumentSigner;
import org.lvyue.api.signing.SignatureCheck;
import org.lvyue.api.signing.SignerIdentity;

/**
 * The signatures of the formal reports: {@code POST /api/signatures/verify} checks a detached CMS
 * signature ({@code .p7s}) against a document, {@code GET /api/signatures/signer} gives the signing
 * certificate so a counterpart can check with their own tools. The signer is looked up on each call:
 * while its bundle is stopped (or its key store cannot be opened) the answer is 503.
 */
@Path("signatures")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class SignatureResource {
    private final Supplier<DocumentSigner> signer;

    SignatureResource(Supplier<DocumentSigner> signer) {
        this.signer = signer;
    }

    /**
     * @param document  the document, base64
     * @param signature the signature: base64 of its DER bytes, or its PEM text ({@code -----BEGIN PKCS7-----})
     */
    public record VerifyRequest(String document, String signature) {
    }

    /** Answers 200 for a valid and for an invalid signature alike; {@code valid} and {@code reason} tell which. */
    @POST
    @Path("verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR})
    public Response verify(VerifyRequest body) {
        if (body == null) {
            throw new InvalidInputException("请求体应为 {\"document\": \"<base64>\", \"signature\": \"<base64 或 PEM>\"} "
                    + "(the body must be a JSON object with document and signature)",
                    List.of(new FactProblem(-1, "$", "应为 JSON 对象，含 document 和 signature (a JSON object with document and "
                            + "signature)")));
        }
        byte[] document = base64("document", body.document(), "被签名文档的 Base64 编码", "the signed document, base64");
        byte[] signature = signature(body.signature());
        DocumentSigner s = signer.get();
        if (s == null) {
            return unavailable();
        }
        SignatureCheck check = s.verify(document, signature);
        return Response.ok(check).build();
    }

    @GET
    @Path("signer")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR})
    public Response signer() {
        DocumentSigner s = signer.get();
        if (s == null) {
            return unavailable();
        }
        SignerIdentity identity = s.signer();
        return Response.ok(identity).build();
    }

    /** The signature as PEM text when armoured, else base64 of its DER bytes. */
    private static byte[] signature(String value) {
        String text = Params.text(value);
        if (text != null && text.startsWith("-----BEGIN ")) {
            return text.getBytes(StandardCharsets.US_ASCII);
        }
        return base64("signature", value, "签名（.p7s）DER 字节的 Base64 编码，或其 PEM 文本（-----BEGIN PKCS7-----）",
                "the signature (.p7s): its DER bytes in base64, or its PEM text");
    }

    /** Strict base64 (line breaks and spaces allowed), refused with the field when absent, blank or malformed. */
    private static byte[] base64(String field, String value, String expected, String expectedEn) {
        String text = Params.text(value);
        if (text == null) {
            throw Params.bad(field, "必填：" + expected + " (required: " + expectedEn + ")");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(text.replaceAll("\\s+", ""));
            if (bytes.length == 0) {
                throw Params.bad(field, "解码后为空；应为" + expected + " (empty; expected " + expectedEn + ")");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw Params.bad(field, "不是合法的 Base64（" + e.getMessage() + "）；应为" + expected + " (not valid base64; expected "
                    + expectedEn + ")");
        }
    }

    private static Response unavailable() {
        return ApiError.response(503, "signing-unavailable",
                "文档签名服务不可用：签名组件（compliance-signing）未运行，或其密钥库无法打开，请管理员查看日志与 etc/org.lvyue.signing.cfg",
                "Document signing is unavailable: the compliance-signing bundle is not running or its key store cannot be "
                        + "opened; see the log and etc/org.lvyue.signing.cfg");
    }
}
