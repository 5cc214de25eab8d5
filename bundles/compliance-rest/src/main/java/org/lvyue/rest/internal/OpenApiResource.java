package org.lvyue.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import javax.annotation.security.PermitAll;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/**
 * {@code GET /api/openapi.json}: the API's description, public like any API documentation (it holds
 * no data). Kept beside the resources; a unit test fails when a resource path is missing from it.
 */
@Path("openapi.json")
@PermitAll
public class OpenApiResource {
    static final String DOCUMENT = "openapi.json";
    private final byte[] document;

    OpenApiResource() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
    public byte[] openApi() {
        return document;
    }
}
