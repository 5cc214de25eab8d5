package org.lvyue.rest.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

import javax.servlet.Servlet;

import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.glassfish.jersey.servlet.ServletContainer;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.service.ComplianceService;
import org.lvyue.api.service.PkiIntake;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The REST API: a Jersey application registered on Karaf's HTTP whiteboard under {@code /api}.
 * Resources are registered as instances with the services they need; nothing is scanned.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/*",
        "osgi.http.whiteboard.servlet.name=lvyue-rest"})
public class RestServlet extends ServletContainer {
    private static final long serialVersionUID = 1L;
    /** Karaf's JAAS realm holding the product's users. */
    static final String REALM = "karaf";

    @Activate
    public RestServlet(@Reference ComplianceService service, @Reference ComplianceEngine engine, @Reference PkiIntake pki) {
        super(application(service, engine, pki));
    }

    static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    static ResourceConfig application(ComplianceService service, ComplianceEngine engine, PkiIntake pki) {
        ObjectMapper mapper = mapper();
        ResourceConfig config = new ResourceConfig()
                .register(new JacksonJsonProvider(mapper))
                .register(new BasicAuthFilter(REALM))
                .register(RolesAllowedDynamicFeature.class)
                .register(new HealthResource(engine))
                .register(new DomainResource(engine))
                .register(new ContractResource(service, mapper))
                .register(new LedgerResource(service))
                .register(new LintResource(service))
                .register(new WhatIfResource(service, mapper))
                .register(new WaiverResource(service, mapper))
                .register(new AssessmentResource(service))
                .register(new CertificateResource(pki))
                .register(new BaselineResource(service))
                .register(new OpenApiResource())
                .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
        ErrorMappers.all().forEach(config::register);
        return config;
    }
}
