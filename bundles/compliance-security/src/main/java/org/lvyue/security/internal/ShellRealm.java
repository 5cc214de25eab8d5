package org.lvyue.security.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.security.LoginAttempts;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The JAAS realm the Karaf shell's SSH server logs in with ({@code sshRealm = lvyue-ssh} in
 * {@code etc/org.apache.karaf.shell.cfg}): the realm {@code karaf}'s users file behind {@link ShellLoginLockout}, so that
 * a password tried over SSH is under the same lock and the same trail as one tried over REST or the console, and an
 * account that combines two of the three administrators' roles (三权分立) is refused as the REST API refuses it. Public
 * keys are left out: the lock counts password logins, and a client offering its keys first would count as failures.
 * Without the realm {@code karaf} (Karaf's JAAS not up yet) every SSH login is refused.
 */
@Component(service = JaasRealm.class, configurationPid = SecurityPolicy.PID, immediate = true)
public final class ShellRealm implements JaasRealm {
    static final String NAME = "lvyue-ssh";
    static final String PUBLICKEY_MODULE = "org.apache.karaf.jaas.modules.publickey.PublickeyLoginModule";

    private final LoginAttempts attempts;
    private final ActivityLog trail;
    private final String bundleId;
    private volatile java.nio.file.Path usersFile;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<JaasRealm> realms = List.of();

    @Activate
    public ShellRealm(@Reference LoginAttempts attempts, @Reference ActivityLog trail, BundleContext context,
                      SecurityConfig config) {
        this.attempts = attempts;
        this.trail = trail;
        this.bundleId = Long.toString(context.getBundle().getBundleId());
        modified(config);
    }

    @org.osgi.service.component.annotations.Modified
    void modified(SecurityConfig config) {
        usersFile = SecurityPolicy.Settings.of(config).usersFile();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getRank() {
        return 0;
    }

    /** Read at every login, so that a change of the realm {@code karaf} (its users file, its hashing) applies at once. */
    @Override
    public AppConfigurationEntry[] getEntries() {
        List<AppConfigurationEntry> entries = new ArrayList<>();
        Map<String, Object> options = new HashMap<>();
        options.put(ProxyLoginModule.PROPERTY_MODULE, ShellLoginLockout.class.getName());
        options.put(ProxyLoginModule.PROPERTY_BUNDLE, bundleId);
        options.put(ShellLoginLockout.ATTEMPTS, attempts);
        options.put(ShellLoginLockout.TRAIL, trail);
        options.put(ShellLoginLockout.USERS_FILE, usersFile);
        entries.add(new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUISITE, options));
        JaasRealm karaf = KarafRealm.of(realms);
        if (karaf != null) {
            for (AppConfigurationEntry e : karaf.getEntries()) {
                if (!PUBLICKEY_MODULE.equals(e.getOptions().get(ProxyLoginModule.PROPERTY_MODULE))) {
                    entries.add(e);
                }
            }
        }
        return entries.toArray(AppConfigurationEntry[]::new);
    }
}
