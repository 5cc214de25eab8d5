package org.lvyue.metrics.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.lvyue.api.security.AccessPolicy;
import org.lvyue.api.security.LoginAttempts;
import org.lvyue.api.security.RealmAuthenticator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: the Prometheus text format, on the product's HTTP port for a user holding one of the
 * configured roles (HTTP Basic against Karaf's realm; {@code admin} or {@code metrics} by default), and on a
 * separate port without a login when one is configured.
 */
@Component(service = Servlet.class, configurationPid = MetricsServlet.PID, property = {
        "osgi.http.whiteboard.servlet.pattern=/metrics",
        "osgi.http.whiteboard.servlet.name=lvyue-metrics"})
@Designate(ocd = MetricsServlet.Config.class)
public final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServlet.class);
    static final String PID = "org.lvyue.metrics";

    @ObjectClassDefinition(id = PID, name = "Lvyue metrics", description = "The Prometheus exposition at /metrics.")
    public @interface Config {
        @AttributeDefinition(name = "Roles that may read /metrics",
                description = "A user of the realm with any of them may scrape /metrics on the product's port")
        String[] roles() default {"admin", "metrics"};

        @AttributeDefinition(name = "Login required on the product's port",
                description = "false: anyone may read /metrics on the product's port (only behind a proxy or firewall that guards it)")
        boolean loginRequired() default true;

        @AttributeDefinition(name = "Separate scrape port", min = "0",
                description = "0: none; otherwise /metrics is served on this port too, without a login, bound to bindAddress")
        int port() default 0;

        @AttributeDefinition(name = "Address of the separate scrape port")
        String bindAddress() default "127.0.0.1";
    }

    private final transient Metrics metrics;
    private final transient MetricsAccess access;
    private final transient MetricsPort port;
    private final transient AtomicReference<LoginAttempts> attempts = new AtomicReference<>();

    @Activate
    public MetricsServlet(@Reference Metrics metrics, @Reference AccessPolicy policy, @Reference RealmAuthenticator realm,
                          Config config) {
        this.metrics = metrics;
        this.access = new MetricsAccess((user, password) -> realm.authenticate(user, password).orElse(null), policy,
                roles(config.roles()), config.loginRequired(), attempts::get);
        this.port = config.port() > 0 ? MetricsPort.open(config.bindAddress(), config.port(), metrics) : null;
        LOG.info("Metrics at /metrics for the roles {}{}{}", roles(config.roles()),
                config.loginRequired() ? "" : " (login not required)",
                port == null ? "" : "; without a login on " + config.bindAddress() + ":" + config.port());
    }

    /**
     * Failed logins here count with those of the REST API. Bound dynamically: the service needs the store's trail, and
     * the metrics are most wanted when the store is in trouble.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindAttempts(LoginAttempts a) {
        attempts.set(a);
    }

    void unbindAttempts(LoginAttempts a) {
        attempts.compareAndSet(a, null);
    }

    /** The roles as configured: {@code roles = admin,metrics} in a .cfg file comes as one value, a list as many. */
    static java.util.List<String> roles(String[] configured) {
        return Arrays.stream(configured).flatMap(r -> Arrays.stream(r.split(","))).map(String::trim)
                .filter(r -> !r.isEmpty()).toList();
    }

    @Deactivate
    void deactivate() {
        if (port != null) {
            port.close();
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        MetricsAccess.Decision d = access.decide(request.getHeader("Authorization"), request.isSecure(), request.getRemoteAddr());
        response.setHeader("Cache-Control", "no-store");
        if (!d.allowed()) {
            if (d.status() == 401) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"lvyue\", charset=\"UTF-8\"");
            }
            if (d.retryAfterSeconds() > 0) {
                response.setHeader("Retry-After", String.valueOf(d.retryAfterSeconds()));
            }
            response.setStatus(d.status());
            response.setContentType("text/plain;charset=UTF-8");
            byte[] body = (d.message() + "\n").getBytes(StandardCharsets.UTF_8);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        metrics.write(out);
        response.setStatus(200);
        response.setContentType(metrics.contentType());
        response.setContentLength(out.size());
        out.writeTo(response.getOutputStream());
    }
}
