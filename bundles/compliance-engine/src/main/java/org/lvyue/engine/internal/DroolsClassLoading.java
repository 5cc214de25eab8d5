package org.lvyue.engine.internal;

import java.util.function.Supplier;

/**
 * Drools finds its own components with {@link java.util.ServiceLoader} through the thread context
 * class loader and caches what it finds (failures too), so every call into Drools runs with the
 * engine bundle's class loader as the TCCL.
 */
final class DroolsClassLoading {
    private static final ClassLoader ENGINE = DroolsClassLoading.class.getClassLoader();

    private DroolsClassLoading() {
    }

    static <T> T call(Supplier<T> work) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(ENGINE);
        try {
            return work.get();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    static ClassLoader engineClassLoader() {
        return ENGINE;
    }
}
