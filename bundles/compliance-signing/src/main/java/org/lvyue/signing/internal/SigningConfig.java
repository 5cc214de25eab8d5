package org.lvyue.signing.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Lvyue document signing",
        description = "The key the formal reports are signed with (detached CMS, SHA256withRSA or SM3withSM2). "
                + "Without a key store at the configured path, a demo key is generated there at first start.")
public @interface SigningConfig {
    @AttributeDefinition(description = "PKCS#12 key store holding the signing key and its certificate; a relative path is "
            + "read from ${karaf.etc}")
    String keyStore() default SigningKeys.DEFAULT_KEY_STORE;

    /** Property {@code .keyStorePassword}: the leading dot keeps it out of the service's registered properties. */
    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password of the key store and of the key entry")
    String _keyStorePassword() default "changeit";

    @AttributeDefinition(description = "Alias of the key entry in the key store")
    String alias() default "report-signing";

    @AttributeDefinition(description = "Key algorithm of a generated demo key; a key store that exists is used as it is",
            options = {@Option(label = "RSA 2048 (SHA256withRSA)", value = "RSA"),
                    @Option(label = "SM2 (SM3withSM2)", value = "SM2")})
    String algorithm() default "SM2";
}
