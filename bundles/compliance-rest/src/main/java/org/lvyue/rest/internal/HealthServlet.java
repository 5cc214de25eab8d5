package org.lvyue.rest.internal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.service.Readiness;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code GET /api/health}, open to all, for monitoring and for engineers watching a deployment or a restart.
 * A servlet of its own rather than a resource of the REST API: it needs no contract service, so it is
 * registered as soon as the HTTP server runs and says {@code STARTING} while the store, the engine and the
 * API are still coming up, instead of the 404 a monitor would see until then. An exact pattern, so it is
 * chosen over the API's {@code /api/*}, and never held back by the API's request slots.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + HealthServlet.PATH,
        "osgi.http.whiteboard.servlet.name=lvyue-health"})
public final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String PATH = "/api/health";
    /** The operation as the API's document names it (paths relative to {@code /api}). */
    static final String OPERATION = "get /health";

    private final transient AtomicReference<ComplianceEngine> engine = new AtomicReference<>();
    private final transient AtomicReference<Readiness> readiness = new AtomicReference<>();
    private final transient ObjectMapper mapper = RestServlet.mapper();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindEngine(ComplianceEngine e) {
        engine.set(e);
    }

    void unbindEngine(ComplianceEngine e) {
        engine.compareAndSet(e, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindReadiness(Readiness r) {
        readiness.set(r);
    }

    void unbindReadiness(Readiness r) {
        readiness.compareAndSet(r, null);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        NodeHealth health = NodeHealth.of(engine.get(), readiness.get());
        byte[] body = mapper.writeValueAsBytes(health);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json;charset=UTF-8");
        SecurityHeaders.apply(request, response);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
