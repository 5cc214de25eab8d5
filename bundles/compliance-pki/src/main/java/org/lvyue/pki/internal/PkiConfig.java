package org.lvyue.pki.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Lvyue PKI intake", description = "Trust anchors the certificate chains must verify to")
public @interface PkiConfig {
    @AttributeDefinition(description = "Folder of trust anchor certificates (PEM, DER or PKCS#7); empty: none configured, "
            + "and the chain check fails every certificate with that reason")
    String trustAnchors() default "";
}
