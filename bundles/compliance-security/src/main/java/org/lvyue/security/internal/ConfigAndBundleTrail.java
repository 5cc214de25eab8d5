package org.lvyue.security.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.lvyue.api.activity.ActivityLog;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration and bundle changes in the security trail (GB/T 22239-2019 8.1.4.3), whatever made them: a file in
 * {@code etc/} or {@code deploy/}, Karaf's {@code config:} and {@code bundle:} commands, or the REST API. Neither
 * tells who made the change, so the entry's user is {@value #SYSTEM}; the REST API's own entries
 * ({@code bundle-upload}, {@code bundle-remove}) name the user. A configuration is recorded only when its properties
 * change (Karaf's file watcher updates each file's configuration at every start, unchanged), and never with its
 * values, which may hold passwords: only which keys changed.
 */
@Component(service = ConfigurationListener.class, immediate = true)
public final class ConfigAndBundleTrail implements ConfigurationListener, SynchronousBundleListener {
    static final String SYSTEM = "karaf";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigAndBundleTrail.class);

    private final ActivityLog trail;
    private final ConfigurationAdmin admin;
    private final BundleContext context;
    /** Each configuration's properties as last seen, by pid. */
    private final Map<String, Map<String, String>> seen = new ConcurrentHashMap<>();

    @Activate
    public ConfigAndBundleTrail(@Reference ActivityLog trail, @Reference ConfigurationAdmin admin, BundleContext context) {
        this.trail = trail;
        this.admin = admin;
        this.context = context;
        try {
            Configuration[] all = admin.listConfigurations(null);
            if (all != null) {
                for (Configuration c : all) {
                    seen.put(c.getPid(), properties(c.getProperties()));
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("Cannot list the configurations; each is recorded at its next update", e);
        }
        context.addBundleListener(this);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String pid = event.getPid();
        if (event.getType() == ConfigurationEvent.CM_DELETED) {
            seen.remove(pid);
            record(ActivityLog.CONFIG_CHANGE, pid, "配置已删除 (configuration deleted)");
            return;
        }
        if (event.getType() != ConfigurationEvent.CM_UPDATED) {
            return;
        }
        Map<String, String> now;
        try {
            // listed, not got: getting a configuration deleted meanwhile would create it again
            Configuration[] found = admin.listConfigurations("(service.pid=" + pid.replaceAll("([\\\\*()])", "\\\\$1") + ")");
            if (found == null || found.length == 0) {
                return;
            }
            now = properties(found[0].getProperties());
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("Cannot read configuration {} to record its change", pid, e);
            return;
        }
        Map<String, String> before = seen.put(pid, now);
        String changed = changedKeys(before, now);
        if (!changed.isEmpty()) {
            record(ActivityLog.CONFIG_CHANGE, pid, (before == null ? "新配置 (new configuration)" : "配置已修改 (changed)") + "：" + changed);
        }
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        String what = switch (event.getType()) {
            case BundleEvent.INSTALLED -> "已安装 (installed)";
            case BundleEvent.UPDATED -> "已更新 (updated)";
            case BundleEvent.UNINSTALLED -> "已卸载 (uninstalled)";
            default -> null;
        };
        if (what != null) {
            Bundle b = event.getBundle();
            record(ActivityLog.BUNDLE_CHANGE, b.getSymbolicName(), "bundle " + b.getSymbolicName() + " " + b.getVersion() + " " + what
                    + "，位置 (location) " + b.getLocation());
        }
    }

    private void record(String action, String target, String detail) {
        try {
            trail.record(SYSTEM, null, action, target, detail, ActivityLog.SUCCESS);
        } catch (RuntimeException e) {
            // the change happened: the log keeps what the trail could not
            LOG.error("Activity NOT recorded: {} {} {}", action, target, detail, e);
        }
    }

    /** The keys whose values differ, sorted; Karaf's own bookkeeping keys aside. */
    static String changedKeys(Map<String, String> before, Map<String, String> now) {
        TreeMap<String, Boolean> keys = new TreeMap<>();
        Map<String, String> old = before == null ? Map.of() : before;
        now.forEach((k, v) -> {
            if (!v.equals(old.get(k))) {
                keys.put(k, true);
            }
        });
        old.keySet().forEach(k -> {
            if (!now.containsKey(k)) {
                keys.put(k, true);
            }
        });
        keys.keySet().removeIf(k -> k.equals("felix.fileinstall.filename") || k.equals("service.pid")
                || k.equals("service.factoryPid") || k.equals(":org.apache.felix.configadmin.revision:"));
        return String.join(", ", keys.keySet());
    }

    private static Map<String, String> properties(Dictionary<String, Object> d) {
        Map<String, String> out = new TreeMap<>();
        if (d != null) {
            for (String k : Collections.list(d.keys())) {
                Object v = d.get(k);
                out.put(k, v instanceof Object[] a ? java.util.Arrays.deepToString(a) : String.valueOf(v));
            }
        }
        return out;
    }
}
