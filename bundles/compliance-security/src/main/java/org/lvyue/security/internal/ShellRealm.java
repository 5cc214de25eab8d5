package org.lvyue.security.internal;

import java.util.HashMap;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.security.LoginAttempts;
import org.lvyue.api.security.RealmAuthenticator;
import org.lvyue.api.security.SecondFactor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The JAAS realm the Karaf shell's SSH server logs in with ({@code sshRealm = lvyue-ssh} in
 * {@code etc/org.apache.karaf.shell.cfg}): {@link ShellLogin} alone, which checks the password against Karaf's
 * realm {@code karaf} ({@link RealmAuthenticator}) under the same lock, trail, duties rule (三权分立) and second
 * factor as a login over REST or the console. Public keys are left out: the lock counts password logins, a key has
 * no place for a one-time code, and a client offering its keys first would count as failures. Without the realm
 * {@code karaf} (Karaf's JAAS not up yet) every SSH login is refused.
 */
@Component(service = JaasRealm.class, configurationPid = SecurityPolicy.PID, immediate = true)
public final class ShellRealm implements JaasRealm {
    static final String NAME = "lvyue-ssh";

    private final LoginAttempts attempts;
    private final ActivityLog trail;
    private final RealmAuthenticator passwords;
    private final SecondFactor secondFactor;
    private final org.lvyue.api.security.CertificateLogin certificates;
    private final String bundleId;
    private volatile java.nio.file.Path usersFile;
    private volatile ManagementNetworks terminals;
    /** Told of a refused administrator's login; absent while the notifications' store is. */
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    volatile org.lvyue.api.security.SecurityAlarms alarms;

    @Activate
    public ShellRealm(@Reference LoginAttempts attempts, @Reference ActivityLog trail,
                      @Reference RealmAuthenticator passwords, @Reference SecondFactor secondFactor,
                      @Reference org.lvyue.api.security.CertificateLogin certificates,
                      BundleContext context, SecurityConfig config) {
        this.certificates = certificates;
        this.attempts = attempts;
        this.trail = trail;
        this.passwords = passwords;
        this.secondFactor = secondFactor;
        this.bundleId = Long.toString(context.getBundle().getBundleId());
        modified(config);
    }

    @org.osgi.service.component.annotations.Modified
    void modified(SecurityConfig config) {
        usersFile = SecurityPolicy.Settings.of(config).usersFile();
        terminals = ManagementNetworks.of(config.adminNetworks(), config.adminRoles());
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getRank() {
        return 0;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        return new AppConfigurationEntry[] {new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options(attempts, trail, usersFile, passwords,
                secondFactor, terminals, alarms, Map.of(ProxyLoginModule.PROPERTY_MODULE, ShellLogin.class.getName(),
                        ProxyLoginModule.PROPERTY_BUNDLE, bundleId, ShellLogin.CERTIFICATES, certificates)))};
    }

    /** What {@link ShellLogin} is handed, beside {@code more}. */
    static Map<String, Object> options(LoginAttempts attempts, ActivityLog trail, java.nio.file.Path usersFile,
                                       RealmAuthenticator passwords, SecondFactor secondFactor,
                                       ManagementNetworks terminals, org.lvyue.api.security.SecurityAlarms alarms,
                                       Map<String, ?> more) {
        Map<String, Object> options = new HashMap<>(more);
        options.put(ShellLogin.ATTEMPTS, attempts);
        options.put(ShellLogin.TRAIL, trail);
        options.put(ShellLogin.USERS_FILE, usersFile);
        options.put(ShellLogin.PASSWORDS, passwords);
        options.put(ShellLogin.SECOND_FACTOR, secondFactor);
        options.put(ShellLogin.TERMINALS, terminals);
        if (alarms != null) {
            options.put(ShellLogin.ALARMS, alarms);
        }
        return options;
    }
}
