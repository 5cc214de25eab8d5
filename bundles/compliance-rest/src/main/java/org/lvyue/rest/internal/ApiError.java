package org.lvyue.rest.internal;

import java.util.List;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.lvyue.api.fact.FactProblem;

/**
 * The one shape of every error the API returns: an HTTP status, a stable code, a message in Chinese
 * (English beside it) and, for refused input, each problem with its index and field.
 */
public record ApiError(int status, String error, String message, String messageEn, List<FactProblem> problems) {

    static Response response(int status, String error, String message, String messageEn) {
        return response(status, error, message, messageEn, List.of());
    }

    static Response response(int status, String error, String message, String messageEn, List<FactProblem> problems) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .entity(new ApiError(status, error, message, messageEn, problems)).build();
    }
}
