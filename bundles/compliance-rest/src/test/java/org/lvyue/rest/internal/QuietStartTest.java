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
    void the_application_starts_without_a_jersey_warning() {
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
        try {
            new ApplicationHandler(RestServlet.application(UseCases.none(), null, null, null, () -> null, null, () -> null,
                    () -> null, () -> null, null));
        } finally {
            jersey.removeHandler(handler);
        }
        assertEquals(List.of(), warnings);
    }
}
