package org.lvyue.itests;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A configuration changed for a test through Configuration Admin, and put back as it was on close. Not by editing the
 * file under {@code etc/}: Karaf's file install writes a configuration it was told of back to its file, and a test's
 * second edit made while that write-back is still on its way is overwritten by it.
 */
final class ConfigChange implements AutoCloseable {
    private final Configuration configuration;
    private final Dictionary<String, Object> before;

    private ConfigChange(Configuration configuration, Dictionary<String, Object> before) {
        this.configuration = configuration;
        this.before = before;
    }

    /** Sets {@code changes} (keys and values as the file would hold them) on the configuration of {@code pid}. */
    static ConfigChange of(ConfigurationAdmin admin, String pid, Map<String, String> changes) throws IOException {
        Configuration c = admin.getConfiguration(pid, null);
        Dictionary<String, Object> before = copy(c.getProperties());
        Dictionary<String, Object> after = copy(c.getProperties());
        changes.forEach(after::put);
        c.update(after);
        return new ConfigChange(c, before);
    }

    /** The value the configuration had before the change. */
    Object before(String key) {
        return before.get(key);
    }

    @Override
    public void close() throws IOException {
        configuration.update(before);
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> properties) {
        Hashtable<String, Object> out = new Hashtable<>();
        if (properties != null) {
            for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
                String k = keys.nextElement();
                out.put(k, properties.get(k));
            }
        }
        return out;
    }
}
