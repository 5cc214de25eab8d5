package org.lvyue.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.glassfish.jersey.server.ApplicationHandler;
import org.junit.jupiter.api.Test;

/** The API's start logs nothing above INFO: a normal start of the product is quiet (issue #23). */
class QuietStartTest {
    @Test
    void the_application_starts_without_a_jersey_warning_and_serves_its_resources() throws Exception {
        Logger jersey = Logger.getLogger("org.glassfish.jersey");
        List<String> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r.getLoggerName() + ": " + new java.util.logging.SimpleFormatter().formatMessage(r));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jersey.addHandler(handler);
        ApplicationHandler app;
        try {
            app = new ApplicationHandler(RestServlet.application(UseCases.none(), new org.lvyue.testing.FakeEngine(), null,
                    null, () -> null, null, RequestLimits.defaults(), WorkSlots.defaults(), () -> null, () -> null, () -> null,
                    null, () -> null));
        } finally {
            jersey.removeHandler(handler);
        }
        assertEquals(List.of(), warnings);
        // and the resources are served, again and again: the objects made with their services, not ones Jersey would make
        assertEquals(200, get(app, "/openapi.json"));
        assertEquals(200, get(app, "/openapi.json"));
    }

    private static int get(ApplicationHandler app, String path) throws Exception {
        org.glassfish.jersey.server.ContainerRequest request = new org.glassfish.jersey.server.ContainerRequest(
                java.net.URI.create("http://localhost/api/"), java.net.URI.create("http://localhost/api" + path), "GET", null,
                new org.glassfish.jersey.internal.MapPropertiesDelegate(), null);
        return app.apply(request, new java.io.ByteArrayOutputStream()).get().getStatus();
    }
}
