package org.lvyue.pki.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Lvyue PKI collectors",
        description = "TLS probes, CRL probes and a certificate folder, run on a schedule for one contract")
public @interface CollectorsConfig {
    @AttributeDefinition(description = "The contract the collected facts belong to; empty: the collectors are off")
    String contract() default "";

    @AttributeDefinition(description = "The business system the collected certificates serve (optional)")
    String system() default "";

    @AttributeDefinition(description = "TLS endpoints whose certificate chain is read: host:port, comma-separated")
    String tlsTargets() default "";

    @AttributeDefinition(description = "CRLs to fetch: file paths or http(s) URLs, comma-separated")
    String crlSources() default "";

    @AttributeDefinition(description = "A folder whose certificate, CRL and zip files are imported when they change")
    String folder() default "";

    @AttributeDefinition(description = "Minutes between two runs")
    int intervalMinutes() default 60;

    @AttributeDefinition(description = "Time limit of one probe (connect, handshake or download), in seconds")
    int timeoutSeconds() default 10;

    @AttributeDefinition(description = "The user the collected facts are recorded under")
    String user() default "collector";
}
