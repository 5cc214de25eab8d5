package org.lvyue.engine.internal;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Looks classes and resources up in the domain bundles' class loaders first, then in the engine's
 * (its parent): DRL compiled at run time must see both the API and a domain's own fact classes.
 *
 * <p>A delegate may belong to a bundle revision the framework has since disposed (the previous
 * revision of an updated bundle, kept so its rules run until the new one compiles); Felix then
 * throws from inside its class loader. Such a delegate is treated as finding nothing.
 */
final class CompositeClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final List<ClassLoader> delegates;

    CompositeClassLoader(List<ClassLoader> delegates, ClassLoader engine) {
        super(engine);
        this.delegates = List.copyOf(delegates);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (ClassLoader d : delegates) {
            try {
                return d.loadClass(name);
            } catch (ClassNotFoundException | NoClassDefFoundError | RuntimeException e) {
                // not there, or a disposed revision: try the next one
            }
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        for (ClassLoader d : delegates) {
            try {
                URL url = d.getResource(name);
                if (url != null) {
                    return url;
                }
            } catch (RuntimeException e) {
                // a disposed revision: try the next one
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        List<URL> all = new ArrayList<>();
        for (ClassLoader d : delegates) {
            try {
                all.addAll(Collections.list(d.getResources(name)));
            } catch (RuntimeException e) {
                // a disposed revision: it has nothing to offer any more
            }
        }
        return Collections.enumeration(all);
    }
}
