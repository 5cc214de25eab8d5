package org.lvyue.rest.internal;

import java.util.List;

import org.glassfish.jersey.internal.inject.AbstractBinder;

/**
 * The API's resources are objects made with the services they need, registered as their classes and each class
 * bound to its object here, so that Jersey serves the object. Registering the objects themselves works as well but
 * makes Jersey 2 log, for every one at each start, "A provider … registered in SERVER runtime does not implement
 * any provider interfaces applicable in the SERVER runtime … will be ignored" (Jersey issue 3700): it checks an
 * object as a provider before it sees that it is a resource.
 */
final class InstanceBinder extends AbstractBinder {
    private final List<Object> resources;

    InstanceBinder(List<Object> resources) {
        this.resources = List.copyOf(resources);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected void configure() {
        for (Object resource : resources) {
            bind(resource).to((Class) resource.getClass());
        }
    }
}
