package org.lvyue.demo;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Lvyue demo year",
        description = "Loads the generated demo year into the demo contract on first start (once; a marker under "
                + "${karaf.data}/lvyue records it).")
public @interface DemoConfig {
    @AttributeDefinition(description = "Load the demo year on first start")
    boolean load() default false;

    @AttributeDefinition(description = "Seed of the generator: the same seed gives the same year")
    long seed() default 20220101L;

    @AttributeDefinition(description = "Scale of the bulky volumes (support requests, certificates, audit log); 1 = the contract's")
    double scale() default 1.0;
}
