package org.lvyue.testing;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A component's configuration as a test sets it: an instance of its configuration annotation whose attributes are the
 * given values, else each attribute's default. One proxy instead of an anonymous class per test and annotation.
 */
public final class AnnotationConfigs {
    private AnnotationConfigs() {
    }

    /** @param values attribute name to value, of the attribute's type (a missing one without a default throws) */
    public static <A extends Annotation> A of(Class<A> type, Map<String, ?> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "annotationType" -> type;
                    case "toString" -> type.getSimpleName() + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> {
                        Object v = values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
                        if (v == null) {
                            throw new IllegalStateException(type.getSimpleName() + "." + method.getName() + " has no value and no default");
                        }
                        yield v;
                    }
                }));
    }
}
