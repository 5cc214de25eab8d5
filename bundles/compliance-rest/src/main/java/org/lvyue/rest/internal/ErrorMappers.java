package org.lvyue.rest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.ws.rs.ForbiddenException;
import javax.ws.rs.NotAllowedException;
import javax.ws.rs.NotAuthorizedException;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.NotSupportedException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.ext.ExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import org.glassfish.jersey.server.ParamException;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.calendar.CalendarYearMissingException;
import org.lvyue.api.service.ConflictException;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.store.ConflictingFactException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into an {@link ApiError}; no stack trace ever reaches a client. */
final class ErrorMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);
    /** The HTTP Basic challenge of every 401. */
    static final String CHALLENGE = "Basic realm=\"lvyue\", charset=\"UTF-8\"";

    /**
     * Whether the request came from the console's script ({@code X-Requested-With: XMLHttpRequest}): its 401 carries no
     * Basic challenge, which would make the browser ask for a password in a dialog of its own instead of the console's
     * login page.
     */
    static boolean fromScript(HttpHeaders headers) {
        return headers != null && "XMLHttpRequest".equals(headers.getHeaderString("X-Requested-With"));
    }

    static boolean fromScript(javax.servlet.http.HttpServletRequest request) {
        return request != null && "XMLHttpRequest".equals(request.getHeader("X-Requested-With"));
    }

    private ErrorMappers() {
    }

    static List<Object> all() {
        return all(new Refusals());
    }

    /** @param refusals told of every overload answer (429, 503) */
    static List<Object> all(Refusals refusals) {
        return List.of(new InvalidInput(), new ContractNotFound(), new Conflict(), new StateConflict(), new Busy(refusals), new BadJson(),
                new TooLarge(), new NotOwned(refusals), new StoreFailure(refusals), new Web(), new Unexpected());
    }

    static final class InvalidInput implements ExceptionMapper<InvalidInputException> {
        @Override
        public Response toResponse(InvalidInputException e) {
            return ApiError.response(400, "invalid-input", e.getMessage(), "Input refused; nothing was stored",
                    e.problems());
        }
    }

    static final class ContractNotFound implements ExceptionMapper<org.lvyue.api.service.NotFoundException> {
        @Override
        public Response toResponse(org.lvyue.api.service.NotFoundException e) {
            return ApiError.response(404, "not-found", e.getMessage(), "Not found");
        }
    }

    static final class Conflict implements ExceptionMapper<ConflictingFactException> {
        @Override
        public Response toResponse(ConflictingFactException e) {
            List<FactProblem> problems = new ArrayList<>();
            for (int i = 0; i < e.ids().size(); i++) {
                problems.add(new FactProblem(e.indexes().get(i), "id",
                        "事实 '" + e.ids().get(i) + "' 已以不同内容保存；已确认的事实不会被覆盖，请使用新的 id"));
            }
            return ApiError.response(409, "conflicting-fact-id", "事实 id 冲突，整批未保存",
                    "Fact ids already stored with other content; nothing was stored", problems);
        }
    }

    static final class StateConflict implements ExceptionMapper<ConflictException> {
        @Override
        public Response toResponse(ConflictException e) {
            return ApiError.response(409, "conflict", e.getMessage(), "Conflicts with what is stored; nothing was changed");
        }
    }

    /** 429 or 503 with {@code Retry-After} in whole seconds: nothing was stored, the same request may be sent again. */
    static final class Busy implements ExceptionMapper<org.lvyue.api.service.BusyException> {
        private final Refusals refusals;

        Busy() {
            this(new Refusals());
        }

        Busy(Refusals refusals) {
            this.refusals = refusals;
        }

        @Override
        public Response toResponse(org.lvyue.api.service.BusyException e) {
            refusals.refused(e.httpStatus(), e.reason().name());
            long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
            String en = switch (e.reason()) {
                case QUEUE_FULL -> "Too many batches waiting for this contract; nothing was stored, retry after " + seconds + " s";
                case NO_CAPACITY -> "The server is busy; nothing was changed, retry after " + seconds + " s";
                case NOT_READY -> "Still being prepared; retry after " + seconds + " s";
            };
            Response r = ApiError.response(e.httpStatus(), e.httpStatus() == 429 ? "too-many-requests" : "unavailable",
                    e.getMessage(), en);
            return Response.fromResponse(r).header("Retry-After", Long.toString(seconds)).build();
        }
    }

    /**
     * 503 with {@code Retry-After}: in a cluster, another node took the contract over while this one was writing it;
     * nothing was stored, and the same request sent again reaches the new owner.
     */
    static final class NotOwned implements ExceptionMapper<org.lvyue.api.store.ContractNotOwnedException> {
        static final String REASON = "NOT_OWNER";
        private final Refusals refusals;

        NotOwned(Refusals refusals) {
            this.refusals = refusals;
        }

        @Override
        public Response toResponse(org.lvyue.api.store.ContractNotOwnedException e) {
            refusals.refused(503, REASON);
            Response r = ApiError.response(503, "unavailable", "合同 " + e.contractId()
                    + " 已由集群中另一节点接管，本次请求未保存任何内容；请在 1 秒后重试",
                    "Another node of the cluster owns this contract now; nothing was stored, retry after 1 s");
            return Response.fromResponse(r).header("Retry-After", "1").build();
        }
    }

    /**
     * 503 with {@code Retry-After}: the database failed the statement (a lost connection, a server restarting, an embedded
     * file the engine could not read at that moment). The transaction was rolled back, so nothing of the request was
     * kept; the same request sent again is safe (a batch's ids make a repeat a duplicate). The cause is logged whole
     * under an incident number; the client gets the number, never the trace.
     */
    static final class StoreFailure implements ExceptionMapper<org.lvyue.api.store.StoreException> {
        static final String REASON = "STORE_FAILED";
        static final int RETRY_SECONDS = 5;
        private final Refusals refusals;

        StoreFailure(Refusals refusals) {
            this.refusals = refusals;
        }

        @Override
        public Response toResponse(org.lvyue.api.store.StoreException e) {
            String incident = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("Store failure, incident {}", incident, e);
            refusals.refused(503, REASON);
            Response r = ApiError.response(503, "store-unavailable", "数据库暂时无法完成本次请求（事件编号 " + incident
                    + "），未保存任何内容；请在 " + RETRY_SECONDS + " 秒后重试，重复提交的同一批数据不会保存两次",
                    "The database could not complete the request (incident " + incident + "); nothing was stored, retry after "
                            + RETRY_SECONDS + " s");
            return Response.fromResponse(r).header("Retry-After", Integer.toString(RETRY_SECONDS)).build();
        }
    }

    static final class TooLarge implements ExceptionMapper<DeployFolder.TooLargeException> {
        @Override
        public Response toResponse(DeployFolder.TooLargeException e) {
            return tooLarge(e.limit);
        }
    }

    /** 413 with the limit in words; the same for a bundle, a certificate archive or a JSON batch. */
    static Response tooLarge(long limit) {
        String size = limit % (1024 * 1024) == 0 ? limit / (1024 * 1024) + " MB"
                : limit % 1024 == 0 ? limit / 1024 + " KB" : limit + " 字节";
        String sizeEn = size.replace("字节", "bytes");
        return ApiError.response(413, "payload-too-large", "请求体超过 " + size + " 的上限，未保存任何内容；请分批提交",
                "Request body larger than " + sizeEn + "; nothing was stored, send smaller batches",
                List.of(new FactProblem(-1, "$", "最大 " + size + " (at most " + sizeEn + ")")));
    }

    static final class BadJson implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            String where = e.getLocation() == null || e.getLocation().getLineNr() < 0 ? ""
                    : "第 " + e.getLocation().getLineNr() + " 行第 " + e.getLocation().getColumnNr() + " 列: ";
            if (e instanceof StreamConstraintsException) {
                String reason = limitReason(e.getOriginalMessage());
                return ApiError.response(400, "json-limit-exceeded", "请求体超出 JSON 限制：" + reason,
                        "JSON beyond the accepted limits: " + e.getOriginalMessage(), List.of(new FactProblem(-1, "$", where + reason)));
            }
            if (e instanceof UnrecognizedPropertyException u) {
                String field = path(u.getPath());
                return ApiError.response(400, "unknown-field", "未知字段 '" + u.getPropertyName() + "'，未保存",
                        "Unknown field '" + u.getPropertyName() + "'", List.of(new FactProblem(-1, field,
                                "未知字段；允许的字段: " + new java.util.TreeSet<>(u.getKnownPropertyIds().stream()
                                        .map(String::valueOf).toList()))));
            }
            if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
                String field = path(m.getPath());
                String expected = typeName(m.getTargetType());
                return ApiError.response(400, "wrong-type", "字段 " + field + " 的类型不对：应为" + expected,
                        "Field " + field + " has the wrong type", List.of(new FactProblem(-1, field, where + "应为" + expected)));
            }
            if (String.valueOf(e.getOriginalMessage()).contains("Invalid UTF-8")) {
                return ApiError.response(400, "invalid-utf8", "请求体不是合法的 UTF-8 编码：" + where + "请以 UTF-8 保存后重试",
                        "The body is not valid UTF-8", List.of(new FactProblem(-1, "$", where + "不是合法的 UTF-8 字节序列（"
                                + e.getOriginalMessage() + "）")));
            }
            return ApiError.response(400, "malformed-json", "请求体不是合法的 JSON：" + where + e.getOriginalMessage(),
                    "Malformed JSON", List.of(new FactProblem(-1, "$", where + e.getOriginalMessage())));
        }

        private static String limitReason(String message) {
            String m = String.valueOf(message);
            String max = m.replaceFirst("(?s).*maximum allowed \\((\\d+).*", "$1");
            if (m.contains("NestingDepth")) {
                return "嵌套超过 " + max + " 层";
            }
            if (m.contains("NumberLength")) {
                return "数字超过 " + max + " 位";
            }
            if (m.contains("StringLength")) {
                return "字符串超过 " + max + " 个字符";
            }
            if (m.contains("NameLength")) {
                return "字段名超过 " + max + " 个字符";
            }
            return m;
        }

        /** {@code terms.latePayment.rate}, {@code facts[3].date}: the JSON path of a Jackson reference chain. */
        static String path(List<JsonMappingException.Reference> refs) {
            StringBuilder out = new StringBuilder();
            for (JsonMappingException.Reference r : refs) {
                if (r.getFieldName() != null) {
                    out.append(out.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    out.append('[').append(r.getIndex()).append(']');
                }
            }
            return out.length() == 0 ? "$" : out.toString();
        }

        private static String typeName(Class<?> type) {
            if (type == null) {
                return "其他类型";
            }
            if (type == String.class) {
                return "字符串";
            }
            if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
                return "数字";
            }
            if (type == Boolean.class || type == boolean.class) {
                return " true 或 false";
            }
            if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
                return " JSON 数组";
            }
            return " JSON 对象";
        }
    }

    static final class Web implements ExceptionMapper<WebApplicationException> {
        @Context
        private SecurityContext security;
        @Context
        private HttpHeaders headers;

        @Override
        public Response toResponse(WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getEntity() instanceof ApiError) {
                return e.getResponse(); // already in the API's shape (a refused login, HTTPS required)
            }
            if (e instanceof NotAuthorizedException
                    || (e instanceof ForbiddenException && (security == null || security.getUserPrincipal() == null))) {
                Response r = ApiError.response(401, "unauthorized", "需要登录：请使用 HTTP Basic 认证提供用户名和密码",
                        "Authentication required (HTTP Basic)");
                return fromScript(headers) ? r : Response.fromResponse(r).header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
            }
            if (e instanceof ForbiddenException) {
                return ApiError.response(403, "forbidden", "当前用户 '" + security.getUserPrincipal().getName()
                        + "' 没有执行此操作所需的角色", "Your role does not allow this");
            }
            if (e instanceof RequestLimits.TooLargeException t) {
                return tooLarge(t.limit);
            }
            if (e instanceof Utf8Bodies.InvalidUtf8Exception u) {
                String where = "第 " + u.line + " 行（第 " + (u.offset + 1) + " 个字节）";
                return ApiError.response(400, "invalid-utf8", "请求体不是合法的 UTF-8 编码：" + where + "起，未保存；请以 UTF-8 保存后重试",
                        "The body is not valid UTF-8 (byte " + (u.offset + 1) + "); nothing was stored",
                        List.of(new FactProblem(-1, "$", where + "不是合法的 UTF-8 字节序列")));
            }
            if (e instanceof ParamException p) {
                // JAX-RS answers 404 for a query or path value it cannot convert; the client needs the name
                String name = p.getParameterName();
                return ApiError.response(400, "invalid-input", "参数 " + name + " 有误：应为整数",
                        "Parameter " + name + " must be an integer", List.of(new FactProblem(-1, name, "应为整数 (an integer)")));
            }
            if (e instanceof NotFoundException) {
                return ApiError.response(404, "not-found", "没有这个地址", "No such resource");
            }
            if (e instanceof NotAllowedException) {
                return ApiError.response(405, "method-not-allowed", "此地址不支持该 HTTP 方法", "Method not allowed");
            }
            if (e instanceof NotSupportedException) {
                return ApiError.response(415, "unsupported-media-type",
                        "不支持该请求体类型（Content-Type），请查看 /api/openapi.json 中此地址接受的类型",
                        "Unsupported Content-Type for this address");
            }
            int status = e.getResponse().getStatus();
            return ApiError.response(status, "http-" + status, e.getMessage(), e.getMessage());
        }
    }

    static final class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof CalendarYearMissingException missing) {
                    return ApiError.response(422, "calendar-year-missing", missing.getMessage(),
                            "The working-day calendar lacks year " + missing.year());
                }
            }
            String incident = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("Unexpected error, incident {}", incident, e);
            return ApiError.response(500, "internal-error", "内部错误（事件编号 " + incident + "），已记录日志，请联系管理员",
                    "Internal error, incident " + incident);
        }
    }
}
