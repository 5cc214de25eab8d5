package org.lvyue.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.lvyue.testing.PostgresServer;

/**
 * How every integration test boots the real distribution (the tar.gz the build just made): on its
 * own HTTP port, so a container still releasing its port never answers for the next; with the
 * evaluation day fixed at 2023-01-10, so the demo year 2022 is over and its findings are known.
 */
final class Distribution {
    private Distribution() {
    }

    static Option[] on(int port) {
        return on(port, false);
    }

    /** As {@link #on(int)}, with Karaf's SSH server running when {@code ssh} (at the port of etc/org.apache.karaf.shell.cfg). */
    static Option[] on(int port, boolean ssh) {
        return new Option[] {
            karafDistributionConfiguration().frameworkUrl(new File(System.getProperty("lvyue.distribution")).toURI().toString())
                    .name("Lvyue").unpackDirectory(new File(System.getProperty("lvyue.exam.dir", "target/exam")))
                    .useDeployFolder(false),
            keepRuntimeFolder(),
            ssh ? configureConsole().ignoreLocalConsole().startRemoteShell() : configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.WARN),
            editConfigurationFilePut("etc/org.lvyue.core.cfg", "today", "2023-01-10"),
            // each test brings its own facts; the generated demo year would bury them
            editConfigurationFilePut("etc/org.lvyue.demo.cfg", "load", "false"),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(port)),
            systemProperty(Http.PORT_PROPERTY).value(Integer.toString(port)),
        };
    }

    /**
     * As {@link #on}, with the store on a fresh PostgreSQL database ({@link PostgresServer}), named in
     * etc/org.lvyue.store.cfg as a user would. The database goes when the test JVM exits.
     */
    static Option[] onPostgres(int port, String name) {
        Map<String, String> store = postgresStore(PostgresServer.shared().freshDatabase(name));
        Option[] base = on(port);
        Option[] all = Arrays.copyOf(base, base.length + store.size());
        int i = base.length;
        for (Map.Entry<String, String> e : store.entrySet()) {
            all[i++] = editConfigurationFilePut("etc/org.lvyue.store.cfg", e.getKey(), e.getValue());
        }
        return all;
    }

    /** The settings of etc/org.lvyue.store.cfg that put the store on {@code database}. */
    static Map<String, String> postgresStore(PostgresServer.Database database) {
        Map<String, String> store = new LinkedHashMap<>();
        store.put("url", database.plainUrl());
        store.put("user", database.user());
        store.put("password", database.password());
        return store;
    }
}
