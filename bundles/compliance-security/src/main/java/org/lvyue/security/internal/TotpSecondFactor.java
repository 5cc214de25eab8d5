package org.lvyue.security.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;

import org.lvyue.api.security.FieldCipher;
import org.lvyue.api.security.SecondFactor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * Time-based one-time codes ({@link Totp}) as the second factor of password logins. Each account's secret (20 random
 * bytes, as RFC 4226 recommends) is kept SM4-encrypted ({@link FieldCipher}, keys outside the data) in
 * {@code users.totp} beside the realm's users file, with the last step whose code was accepted: a code is taken once,
 * and never one older than the last. A new secret waits beside the one in force until a code of it confirms it, so a
 * mistyped enrolment locks nobody out.
 */
@Component(service = SecondFactor.class, configurationPid = SecurityPolicy.PID, immediate = true)
public final class TotpSecondFactor implements SecondFactor {
    static final String CONTEXT = "users.totp.secret";
    private static final int SECRET_BYTES = 20;
    /** Steps either side of now whose codes are taken: a phone's clock up to 30 s off. */
    private static final int WINDOW = 1;
    private static final String ACTIVE = "active/";
    private static final String PENDING = "pending/";

    // replaced in place by a configuration change, so the REST API holding this service is not restarted for it
    private volatile PropertiesFile file;
    private final FieldCipher cipher;
    private volatile Set<String> requiredRoles;
    private volatile String issuer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** The file's content, read at the first use and written through: every login asks {@link #enrolled}. */
    private Properties state;

    @Activate
    public TotpSecondFactor(SecurityConfig config, @Reference FieldCipher cipher) {
        this(usersFile(config), cipher,
                roles(config.secondFactorRequiredRoles()), config.secondFactorIssuer(), Clock.systemUTC());
    }

    TotpSecondFactor(Path usersFile, FieldCipher cipher, Set<String> requiredRoles, String issuer, Clock clock) {
        this.cipher = cipher;
        this.clock = clock;
        apply(usersFile, requiredRoles, issuer);
    }

    @Modified
    void modified(SecurityConfig config) {
        apply(usersFile(config), roles(config.secondFactorRequiredRoles()), config.secondFactorIssuer());
    }

    private synchronized void apply(Path usersFile, Set<String> required, String name) {
        Path path = usersFile.resolveSibling("users.totp");
        if (file == null || !file.path().equals(path)) {
            file = new PropertiesFile(path, "Lvyue: each user's TOTP secret, SM4-encrypted, and the last step whose code was accepted");
            state = null;
        }
        requiredRoles = Set.copyOf(required);
        issuer = name == null || name.isBlank() ? "Lvyue" : name.trim();
    }

    private static Path usersFile(SecurityConfig config) {
        return Path.of(config.usersFile().replace("${karaf.etc}", System.getProperty("karaf.etc", "etc")));
    }

    private static Set<String> roles(String list) {
        Set<String> out = new LinkedHashSet<>();
        for (String r : list == null ? new String[0] : list.split(",")) {
            if (!r.isBlank()) {
                out.add(r.trim());
            }
        }
        return out;
    }

    @Override
    public Set<String> requiredRoles() {
        return requiredRoles;
    }

    @Override
    public synchronized boolean enrolled(String user) {
        return current().getProperty(ACTIVE + user) != null;
    }

    @Override
    public synchronized Enrolment enrol(String user) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        Properties all = load();
        all.setProperty(PENDING + user, cipher.encrypt(Base64.getEncoder().encodeToString(secret), CONTEXT));
        store(all);
        String base32 = Totp.base32(secret);
        Arrays.fill(secret, (byte) 0);
        String label = encode(issuer) + ":" + encode(user);
        return new Enrolment(base32, "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS);
    }

    @Override
    public synchronized boolean confirm(String user, String code) {
        Properties all = load();
        String pending = all.getProperty(PENDING + user);
        if (pending == null) {
            return false;
        }
        long step = Totp.match(secret(pending), code, Totp.step(clock.instant()), WINDOW);
        if (step < 0) {
            return false;
        }
        all.remove(PENDING + user);
        all.setProperty(ACTIVE + user, pending + ";" + step);
        store(all);
        return true;
    }

    @Override
    public synchronized boolean verify(String user, String code) {
        Properties all = load();
        String active = all.getProperty(ACTIVE + user);
        if (active == null) {
            return false;
        }
        int semicolon = active.lastIndexOf(';');
        long last = Long.parseLong(active.substring(semicolon + 1));
        long step = Totp.match(secret(active.substring(0, semicolon)), code, Totp.step(clock.instant()), WINDOW);
        if (step <= last) {
            return false; // wrong, or a code already used (or older than one used)
        }
        all.setProperty(ACTIVE + user, active.substring(0, semicolon) + ";" + step);
        store(all);
        return true;
    }

    @Override
    public synchronized boolean remove(String user) {
        Properties all = load();
        boolean had = all.remove(ACTIVE + user) != null | all.remove(PENDING + user) != null;
        if (had) {
            store(all);
        }
        return had;
    }

    Path path() {
        return file.path();
    }

    private byte[] secret(String stored) {
        return Base64.getDecoder().decode(cipher.decrypt(stored, CONTEXT));
    }

    private Properties current() {
        if (state == null) {
            try {
                state = file.load();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file.path(), e);
            }
        }
        return state;
    }

    /** A copy of the state, to change and {@link #store}. */
    private Properties load() {
        Properties copy = new Properties();
        copy.putAll(current());
        return copy;
    }

    private void store(Properties all) {
        try {
            file.store(all);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file.path(), e);
        }
        state = all;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
