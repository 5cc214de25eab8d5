package org.lvyue.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * How every integration test boots the real distribution (the tar.gz the build just made): on its
 * own HTTP port, so a container still releasing its port never answers for the next; with the
 * evaluation day fixed at 2023-01-10, so the demo year 2022 is over and its findings are known.
 */
final class Distribution {
    private Distribution() {
    }

    static Option[] on(int port) {
        return new Option[] {
            karafDistributionConfiguration().frameworkUrl(new File(System.getProperty("lvyue.distribution")).toURI().toString())
                    .name("Lvyue").unpackDirectory(new File(System.getProperty("lvyue.exam.dir", "target/exam")))
                    .useDeployFolder(false),
            keepRuntimeFolder(),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.WARN),
            editConfigurationFilePut("etc/org.lvyue.core.cfg", "today", "2023-01-10"),
            // each test brings its own facts; the generated demo year would bury them
            editConfigurationFilePut("etc/org.lvyue.demo.cfg", "load", "false"),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(port)),
            systemProperty(Http.PORT_PROPERTY).value(Integer.toString(port)),
        };
    }
}
