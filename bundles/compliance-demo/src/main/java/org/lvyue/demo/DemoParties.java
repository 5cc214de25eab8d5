package org.lvyue.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.lvyue.api.access.IssuedToken;
import org.lvyue.api.access.Membership;
import org.lvyue.api.access.Organisation;
import org.lvyue.api.access.Parties;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's parties, from {@code organisations.json} beside this class: the organisations of the demo
 * contracts, the demo users' memberships, and a collector token for the demo contract whose secret is
 * written once to a file under {@code ${karaf.data}/lvyue/} (the demo's collectors read it from there;
 * the product keeps only its hash). Adds only what is missing, so an operator's changes stay, and issues
 * a token again only when its file is gone. Runs whenever the demo contract is installed
 * ({@code demoContract} in {@code etc/org.lvyue.core.cfg}), with or without the demo year.
 */
@Component(immediate = true, configurationPid = "org.lvyue.core")
public final class DemoParties {
    static final String DATA = "organisations.json";
    static final String USER = "demo";
    private static final Logger LOG = LoggerFactory.getLogger(DemoParties.class);

    public @interface Config {
        boolean demoContract() default true;
    }

    @Activate
    public DemoParties(@Reference Parties parties, Config config) {
        if (config.demoContract()) {
            seed(parties, read(), Path.of(System.getProperty("karaf.data", "data"), "lvyue"));
        }
    }

    static JsonNode read() {
        try (InputStream in = DemoParties.class.getResourceAsStream(DATA)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the demo's " + DATA, e);
        }
    }

    /** Adds the organisations, memberships and token files the data names and the store lacks. */
    static void seed(Parties parties, JsonNode data, Path folder) {
        for (JsonNode o : data.path("organisations")) {
            if (parties.organisation(o.path("id").asText()).isEmpty()) {
                parties.saveOrganisation(new Organisation(o.path("id").asText(), o.path("name").asText(), o.path("kind").asText()),
                        USER, null);
            }
        }
        for (JsonNode m : data.path("members")) {
            parties.addMember(new Membership(m.path("user").asText(), m.path("organisation").asText(), m.path("role").asText()),
                    USER, null);
        }
        for (JsonNode t : data.path("tokens")) {
            Path file = folder.resolve(t.path("file").asText());
            if (Files.exists(file)) {
                continue;
            }
            IssuedToken issued = parties.issueToken(t.path("contract").asText(), t.path("name").asText(), USER, null);
            try {
                Files.createDirectories(folder);
                Files.writeString(file, issued.secret() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the folder's permissions apply
                }
            } catch (IOException e) {
                parties.revokeToken(issued.token().contract(), issued.token().id(), USER, null);
                throw new UncheckedIOException("writing the demo token to " + file + " (the token was revoked)", e);
            }
            LOG.info("Demo collector token #{} for contract {} written to {}", issued.token().id(), issued.token().contract(), file);
        }
    }
}
