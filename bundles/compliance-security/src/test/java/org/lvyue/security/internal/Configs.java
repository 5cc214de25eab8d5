package org.lvyue.security.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** {@code etc/org.lvyue.security.cfg} as the tests set it: the given values, else each attribute's default. */
final class Configs {
    private Configs() {
    }

    static SecurityConfig security(Map<String, Object> values) {
        return (SecurityConfig) Proxy.newProxyInstance(SecurityConfig.class.getClassLoader(), new Class<?>[] {SecurityConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> SecurityConfig.class;
                    case "toString" -> "SecurityConfig" + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
                });
    }
}
