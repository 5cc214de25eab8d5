package org.lvyue.cluster.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = ClusterConfig.PID, name = "Lvyue cluster",
        description = "Several identical nodes on one PostgreSQL database; without a node id, a single node.")
public @interface ClusterConfig {
    String PID = "org.lvyue.cluster";

    @AttributeDefinition(description = "This node's id in the cluster (1 to 200 characters, unique among the nodes);"
            + " empty: a single node, which owns every contract")
    String nodeId() default "";

    @AttributeDefinition(description = "Where the other nodes reach this node's HTTP port, e.g. http://10.0.0.2:8181;"
            + " empty: http://127.0.0.1 and the port of etc/org.ops4j.pax.web.cfg")
    String url() default "";

    @AttributeDefinition(description = "Seconds a contract's lease and a node's row run unless renewed (renewed every"
            + " third of it): a dead owner's contracts are taken over within this time and a third", min = "3")
    int leaseSeconds() default 10;

    @AttributeDefinition(description = "Seconds a request sent to a contract's owner may take (report rendering included)",
            min = "1")
    int forwardTimeoutSeconds() default 120;

    @AttributeDefinition(description = "The folder Felix File Install watches for domain bundles, kept the same on every"
            + " node through the database; ${karaf.base} is the Karaf base directory")
    String deployDir() default "${karaf.base}/deploy";

    @AttributeDefinition(description = "Seconds between two comparisons of the deploy folder with the bundles recorded in"
            + " the database", min = "1")
    int deploySyncSeconds() default 2;
}
