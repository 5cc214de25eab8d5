package org.lvyue.security.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.BackingEngine;
import org.apache.karaf.jaas.modules.BackingEngineFactory;
import org.apache.karaf.jaas.modules.Encryption;
import org.apache.karaf.jaas.modules.EncryptionService;
import org.lvyue.api.security.AccessPolicy;
import org.lvyue.api.security.Duties;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product's security profile and its password hashing, in one place because both read
 * {@code etc/org.lvyue.security.cfg}:
 * <ul>
 * <li>an {@link EncryptionService} named {@value #ENCRYPTION_NAME} for Karaf's JAAS realm (selected by
 * {@code encryption.name} in {@code etc/org.apache.karaf.jaas.cfg}): every password the realm stores is a
 * salted PBKDF2 hash ({@link Pbkdf2}), including clear-text entries an operator types into
 * {@code users.properties} (Karaf re-hashes them within a second) and {@code jaas:user-add}. It serves the
 * Karaf shell (SSH), JMX and the REST API alike; under the production profile it also refuses the demo
 * passwords there;</li>
 * <li>the {@link AccessPolicy} the REST API applies before the realm, with messages a user can act on.</li>
 * </ul>
 */
@Component(service = {AccessPolicy.class, EncryptionService.class}, configurationPid = SecurityPolicy.PID, immediate = true,
        property = "name=" + SecurityPolicy.ENCRYPTION_NAME)
@Designate(ocd = SecurityConfig.class)
public class SecurityPolicy implements AccessPolicy, EncryptionService {
    static final String PID = "org.lvyue.security";
    /** The value of {@code encryption.name} in {@code etc/org.apache.karaf.jaas.cfg}. */
    static final String ENCRYPTION_NAME = "lvyue";
    static final String PROPERTIES_MODULE = "org.apache.karaf.jaas.modules.properties.PropertiesLoginModule";
    /** The shipped demo users; each one's password is its name. */
    static final Set<String> DEMO_USERS = Set.of("admin", "engineer", "evaluator", "collector", "secadmin", "auditadmin");
    static final int MIN_ITERATIONS = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(SecurityPolicy.class);

    record Settings(boolean production, boolean requireHttps, int iterations, int minPasswordLength, Path usersFile,
                    int passwordClasses, int passwordHistory, int passwordMaxAgeDays) {
        /** The password rules' defaults beside the given settings. */
        Settings(boolean production, boolean requireHttps, int iterations, int minPasswordLength, Path usersFile) {
            this(production, requireHttps, iterations, minPasswordLength, usersFile, 3, 5, 90);
        }

        static Settings of(SecurityConfig c) {
            String profile = c.profile() == null ? DEMO : c.profile().trim().toLowerCase(Locale.ROOT);
            if (!profile.equals(DEMO) && !profile.equals(PRODUCTION)) {
                // an unknown word must not silently mean "demo": the stricter reading wins
                LOG.error("etc/org.lvyue.security.cfg: profile '{}' is neither '{}' nor '{}'; using '{}'", c.profile(), DEMO,
                        PRODUCTION, PRODUCTION);
                profile = PRODUCTION;
            }
            int iterations = c.hashIterations();
            if (iterations < MIN_ITERATIONS) {
                LOG.warn("etc/org.lvyue.security.cfg: hashIterations {} is below {}; using {}", iterations, MIN_ITERATIONS,
                        MIN_ITERATIONS);
                iterations = MIN_ITERATIONS;
            }
            String file = c.usersFile().replace("${karaf.etc}", System.getProperty("karaf.etc", "etc"));
            return new Settings(profile.equals(PRODUCTION), c.requireHttps(), Math.min(iterations, Pbkdf2.MAX_ITERATIONS),
                    Math.max(8, c.minPasswordLength()), Path.of(file), Math.max(1, Math.min(4, c.passwordClasses())),
                    Math.max(0, c.passwordHistory()), Math.max(0, c.passwordMaxAgeDays()));
        }
    }

    private volatile Settings settings;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lvyue-security-check");
        t.setDaemon(true);
        return t;
    });
    private volatile Future<List<String>> lastCheck;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<JaasRealm> realms = List.of();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<BackingEngineFactory> engineFactories = List.of();

    /** Where the administrators may act from; any address until configured. */
    private volatile ManagementNetworks terminals = ManagementNetworks.of("", "");

    @Activate
    void activate(SecurityConfig config) {
        limitTerminals(ManagementNetworks.of(config.adminNetworks(), config.adminRoles()));
        apply(Settings.of(config));
    }

    @Modified
    void modified(SecurityConfig config) {
        limitTerminals(ManagementNetworks.of(config.adminNetworks(), config.adminRoles()));
        apply(Settings.of(config));
    }

    /** Takes the management terminals' networks; an unreadable entry is named in the log (and limits them to the host). */
    void limitTerminals(ManagementNetworks networks) {
        terminals = networks;
        if (!networks.unreadable().isEmpty()) {
            LOG.error("etc/org.lvyue.security.cfg: adminNetworks 中无法识别的条目 {}，更正前管理员只能从本机登录 (entries that are"
                    + " neither an address nor a CIDR range: the administrators may act from this host only until corrected)",
                    networks.unreadable());
        }
    }

    @Deactivate
    void deactivate() {
        checker.shutdownNow();
    }

    /** Takes new settings; under the production profile, reports in the log which users it will refuse. */
    void apply(Settings s) {
        settings = s;
        checker.submit(() -> {
            try {
                for (String conflict : dutyConflicts(s.usersFile())) {
                    LOG.error("{} — 该账户在 REST 接口与控制台不获得三种管理员角色中的任何一种，直到更正 {} (the account gets none of the"
                            + " three administrators' roles in the REST API and the console until corrected)", conflict, s.usersFile());
                }
            } catch (IOException e) {
                LOG.error("Cannot read {} to check the separation of duties", s.usersFile(), e);
            }
        });
        if (s.production()) {
            lastCheck = checker.submit(() -> {
                List<String> refused = refusedUsers(s, true);
                if (refused.isEmpty()) {
                    LOG.info("Security profile production: every user of {} has a salted password hash and no demo password",
                            s.usersFile());
                } else {
                    LOG.warn("Security profile production: these users are REFUSED until they get a real password "
                            + "(compliance:passwd <user>): {}", String.join(", ", refused));
                }
                return refused;
            });
        } else {
            lastCheck = null;
            LOG.info("Security profile demo: the demo users (password = user name) are accepted; set profile = production in "
                    + "etc/org.lvyue.security.cfg before real use");
        }
    }

    /** The result of the start-up check of the production profile (null under demo), for tests. */
    Future<List<String>> lastCheck() {
        return lastCheck;
    }

    /**
     * Each user of the file the production profile refuses, with the reason: a password not stored as
     * a salted hash, or one equal to the user name or to a demo password.
     *
     * @param waitForKaraf whether to give Karaf's own re-hashing of clear-text entries (it watches the file)
     *                     a few seconds before calling them unhashed
     */
    static List<String> refusedUsers(Settings s, boolean waitForKaraf) throws IOException, InterruptedException {
        Map<String, UsersFile.User> users = UsersFile.read(s.usersFile());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waitForKaraf && users.values().stream().anyMatch(u -> !Pbkdf2.isHash(u.storedPassword()))
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
            users = UsersFile.read(s.usersFile());
        }
        List<String> refused = new ArrayList<>();
        for (UsersFile.User u : users.values()) {
            if (!Pbkdf2.isHash(u.storedPassword())) {
                refused.add(u.name() + " (password not stored as a salted hash)");
                continue;
            }
            for (String candidate : demoCandidates(u.name())) {
                if (Pbkdf2.verify(candidate.toCharArray(), u.storedPassword())) {
                    refused.add(u.name() + " (demo password)");
                    break;
                }
            }
        }
        return refused;
    }

    private static Set<String> demoCandidates(String user) {
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(user);
        candidates.addAll(new java.util.TreeSet<>(DEMO_USERS));
        return candidates;
    }

    /** A password equal to the user's name or to any shipped demo password (case ignored). */
    static boolean isDemoCredential(String user, char[] password) {
        String p = new String(password).toLowerCase(Locale.ROOT);
        return DEMO_USERS.contains(p) || (user != null && p.equals(user.toLowerCase(Locale.ROOT)));
    }

    @Override
    public String profile() {
        return settings.production() ? PRODUCTION : DEMO;
    }

    @Override
    public boolean httpsRequired() {
        return settings.requireHttps();
    }

    @Override
    public Refusal refusal(String user, char[] password) {
        Settings s = settings;
        if (!s.production()) {
            return null;
        }
        if (isDemoCredential(user, password)) {
            return new Refusal("生产模式拒绝演示口令：用户 '" + user + "' 的口令与用户名相同或是发布包中的演示口令，请管理员用 "
                    + "compliance:passwd 设置真实口令",
                    "Production profile: demo credentials are refused (password equal to the user name or a shipped demo "
                            + "password); an administrator sets a real one with compliance:passwd");
        }
        UsersFile.User stored;
        try {
            stored = UsersFile.read(s.usersFile()).get(user);
        } catch (IOException e) {
            LOG.error("Production profile: cannot read {}; refusing the login of '{}'", s.usersFile(), user, e);
            return new Refusal("无法读取用户文件，登录被拒绝，请联系管理员", "Cannot read the users file; login refused");
        }
        if (stored != null && !Pbkdf2.isHash(stored.storedPassword())) {
            return new Refusal("生产模式要求口令以加盐哈希存储：用户 '" + user + "' 的口令未哈希，请管理员用 compliance:passwd 重新设置",
                    "Production profile: this user's password is not stored as a salted hash; an administrator sets it "
                            + "again with compliance:passwd");
        }
        if (stored != null && s.passwordMaxAgeDays() > 0) {
            java.time.Instant now = java.time.Instant.now();
            java.time.Instant setAt;
            try {
                setAt = new PasswordHistory(s.usersFile()).seen(user, stored.storedPassword(), now);
            } catch (IOException e) {
                LOG.error("Production profile: cannot read or write the password history beside {}", s.usersFile(), e);
                return new Refusal("无法读取口令历史，登录被拒绝，请联系管理员", "Cannot read the password history; login refused");
            }
            if (setAt.plus(java.time.Duration.ofDays(s.passwordMaxAgeDays())).isBefore(now)) {
                return new Refusal("用户 '" + user + "' 的口令已超过 " + s.passwordMaxAgeDays() + " 天未更换，已过期（设置于 "
                        + setAt.atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate() + "），请管理员用 compliance:passwd 重新设置",
                        "The password is older than " + s.passwordMaxAgeDays() + " days and has expired; an administrator"
                                + " sets a new one with compliance:passwd");
            }
        }
        return null;
    }

    @Override
    public Refusal terminalRefusal(String user, java.util.Collection<String> roles, String address) {
        return terminals.refusal(user, roles, address);
    }

    @Override
    public Refusal weakness(String user, char[] password) {
        int min = settings.minPasswordLength();
        if (password == null || password.length < min) {
            return new Refusal("口令太短：至少需要 " + min + " 个字符", "Password too short: at least " + min + " characters");
        }
        if (isDemoCredential(user, password)) {
            return new Refusal("口令不能与用户名相同，也不能是演示口令", "The password must not be the user name or a demo password");
        }
        Settings s = settings;
        int classes = characterClasses(password);
        if (classes < s.passwordClasses()) {
            return new Refusal("口令须包含大写字母、小写字母、数字、其他字符（符号、空格、汉字）中的至少 " + s.passwordClasses()
                    + " 类，现只有 " + classes + " 类", "The password needs at least " + s.passwordClasses()
                    + " of: upper-case, lower-case, digits, others; it has " + classes);
        }
        if (s.passwordHistory() > 0 && reused(user, password, s)) {
            return new Refusal("不能使用最近 " + s.passwordHistory() + " 次用过的口令（含当前口令）", "The password must not be one of the"
                    + " last " + s.passwordHistory() + " passwords, the current one included");
        }
        return null;
    }

    /** How many of the four classes the password draws from: upper-case, lower-case, digits, anything else. */
    static int characterClasses(char[] password) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean other = false;
        for (char ch : password) {
            if (Character.isUpperCase(ch)) {
                upper = true;
            } else if (Character.isLowerCase(ch)) {
                lower = true;
            } else if (Character.isDigit(ch)) {
                digit = true;
            } else {
                other = true;
            }
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    /** Whether the password is the user's current one or one of the last {@code passwordHistory} they had. */
    private static boolean reused(String user, char[] password, Settings s) {
        try {
            UsersFile.User current = UsersFile.read(s.usersFile()).get(user);
            if (current != null && Pbkdf2.isHash(current.storedPassword()) && Pbkdf2.verify(password, current.storedPassword())) {
                return true;
            }
            return new PasswordHistory(s.usersFile()).of(user).stream().limit(s.passwordHistory())
                    .anyMatch(e -> Pbkdf2.verify(password, e.hash()));
        } catch (IOException e) {
            throw new IllegalStateException("无法读取口令历史，未修改 (cannot read the password history; nothing changed): " + e, e);
        }
    }

    @Override
    public void setPassword(String user, char[] password, List<String> roles) {
        if (user == null || !user.matches("[\\p{L}\\p{N}._@-]{1,64}") || user.startsWith(UsersFile.GROUP_PREFIX)) {
            throw new IllegalArgumentException("用户名无效：只能含字母、数字和 . _ @ -，最长 64 个字符 "
                    + "(invalid user name: letters, digits and . _ @ - only, at most 64)");
        }
        Refusal weak = weakness(user, password);
        if (weak != null) {
            throw new IllegalArgumentException(weak.message() + " (" + weak.messageEn() + ")");
        }
        for (String role : roles) {
            if (!role.matches("[\\p{L}\\p{N}._-]{1,64}")) {
                throw new IllegalArgumentException("角色名无效 (invalid role name)：'" + role + "'");
            }
        }
        // 三权分立: checked against the roles the users file gives now, before anything is written
        Refusal conflict = Duties.conflict(user, rolesAfter(user, roles));
        if (conflict != null) {
            throw new IllegalArgumentException(conflict.message() + "，未修改 (" + conflict.messageEn() + "; nothing changed)");
        }
        AppConfigurationEntry entry = propertiesEntry();
        Map<String, ?> options = entry.getOptions();
        if (!"true".equalsIgnoreCase(String.valueOf(options.get("encryption.enabled")))
                || !ENCRYPTION_NAME.equals(String.valueOf(options.get("encryption.name")))) {
            throw new IllegalStateException("口令不会以哈希存储，未修改：etc/org.apache.karaf.jaas.cfg 应为 encryption.enabled = true、"
                    + "encryption.name = " + ENCRYPTION_NAME + " (the realm would store the password unhashed; nothing changed)");
        }
        BackingEngine engine = engineFactories.stream().filter(f -> PROPERTIES_MODULE.equals(f.getModuleClass()))
                .findFirst().map(f -> f.build(options))
                .orElseThrow(() -> new IllegalStateException("Karaf 的用户文件引擎不可用 (the realm's users file engine is unavailable)"));
        boolean existing = engine.lookupUser(user) != null;
        if (!existing && roles.isEmpty()) {
            throw new IllegalArgumentException("新用户 '" + user + "' 须至少指定一个角色 (a new user needs at least one role)");
        }
        engine.addUser(user, new String(password));
        for (String role : roles) {
            engine.addRole(user, role);
        }
        try {
            UsersFile.User stored = UsersFile.read(settings.usersFile()).get(user);
            if (stored == null || !Pbkdf2.isHash(stored.storedPassword())) {
                throw new IllegalStateException("口令未能以哈希形式写入 " + settings.usersFile() + " (the password was not stored hashed)");
            }
            new PasswordHistory(settings.usersFile()).record(user, stored.storedPassword(), java.time.Instant.now());
        } catch (IOException e) {
            throw new IllegalStateException("无法读回 " + settings.usersFile() + " (cannot read the users file back): " + e, e);
        }
        LOG.info("Password of user '{}' set ({}), stored as a PBKDF2 hash", user,
                existing ? "changed" : "new user, roles " + roles);
    }

    @Override
    public Set<String> realmRoles(String user) {
        try {
            UsersFile.User u = UsersFile.read(settings.usersFile()).get(user);
            return u == null ? Set.of() : Set.copyOf(u.roles());
        } catch (IOException e) {
            throw new IllegalStateException("无法读取 " + settings.usersFile() + " (cannot read the users file): " + e, e);
        }
    }

    /** The roles the user would hold: those the users file gives them now, and {@code added}. */
    private List<String> rolesAfter(String user, List<String> added) {
        List<String> all = new ArrayList<>(added);
        try {
            UsersFile.User now = UsersFile.read(settings.usersFile()).get(user);
            if (now != null) {
                all.addAll(now.roles());
            }
        } catch (IOException e) {
            throw new IllegalStateException("无法读取 " + settings.usersFile() + "，未修改 (cannot read the users file; nothing changed): " + e, e);
        }
        return all;
    }

    /**
     * Each account of the users file that breaks the separation of duties, with the reason. The REST API and the
     * console grant such an account none of the three administrators' roles ({@link JaasAuthenticator}) until it is
     * corrected.
     */
    static List<String> dutyConflicts(java.nio.file.Path usersFile) throws IOException {
        List<String> out = new ArrayList<>();
        for (UsersFile.User u : UsersFile.read(usersFile).values()) {
            Refusal r = Duties.conflict(u.name(), u.roles());
            if (r != null) {
                out.add(r.message());
            }
        }
        return out;
    }

    /** The realm {@code karaf}'s users-file login module, as Karaf's own jaas: commands find it. */
    private AppConfigurationEntry propertiesEntry() {
        JaasRealm best = KarafRealm.of(realms);
        if (best != null) {
            for (AppConfigurationEntry e : best.getEntries()) {
                if (PROPERTIES_MODULE.equals(e.getOptions().get(ProxyLoginModule.PROPERTY_MODULE))) {
                    return e;
                }
            }
        }
        throw new IllegalStateException("找不到 JAAS 域 karaf 的用户文件模块 (realm 'karaf' with a users-file module not found)");
    }

    @Override
    public Encryption createEncryption(Map<String, String> params) {
        String algorithm = params.get(ALGORITHM);
        if (algorithm != null && !algorithm.equalsIgnoreCase(Pbkdf2.JCA_ALGORITHM) && !algorithm.equalsIgnoreCase(Pbkdf2.SCHEME)) {
            LOG.error("etc/org.apache.karaf.jaas.cfg: encryption.name = {} hashes with {} only, not encryption.algorithm = {}",
                    ENCRYPTION_NAME, Pbkdf2.JCA_ALGORITHM, algorithm);
            return null;
        }
        Settings s = settings;
        return new Encryption() {
            @Override
            public String encryptPassword(String plain) {
                return Pbkdf2.hash(plain.toCharArray(), s.iterations());
            }

            @Override
            public boolean checkPassword(String input, String stored) {
                if (input == null) {
                    return false;
                }
                char[] password = input.toCharArray();
                try {
                    if (s.production() && DEMO_USERS.contains(input.toLowerCase(Locale.ROOT))) {
                        // the realm does not know the user name here: the REST API also refuses password = name
                        LOG.warn("Security profile production: a demo password was refused by the realm (shell, JMX or REST)");
                        return false;
                    }
                    return Pbkdf2.verify(password, stored);
                } finally {
                    Pbkdf2.wipe(password);
                }
            }
        };
    }
}
