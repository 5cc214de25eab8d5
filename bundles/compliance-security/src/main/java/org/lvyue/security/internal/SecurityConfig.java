package org.lvyue.security.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Lvyue security",
        description = "The security profile, HTTPS requirement and password hashing of the product's users (Karaf realm 'karaf').")
public @interface SecurityConfig {
    @AttributeDefinition(description = "demo: the shipped demo users (password = user name) are accepted, as for ./run.sh; "
            + "production: demo credentials and passwords not stored as salted hashes are refused",
            options = {@Option(label = "demo", value = "demo"), @Option(label = "production", value = "production")})
    String profile() default "demo";

    @AttributeDefinition(description = "Refuse authenticated REST requests over plain HTTP with 403 (needs HTTPS configured in "
            + "etc/org.ops4j.pax.web.cfg; leave false behind a proxy that terminates TLS)")
    boolean requireHttps() default false;

    @AttributeDefinition(description = "PBKDF2-HMAC-SHA256 iterations of new password hashes (each hash keeps its own count)",
            min = "100000")
    int hashIterations() default Pbkdf2.DEFAULT_ITERATIONS;

    @AttributeDefinition(description = "Shortest password compliance:passwd accepts", min = "8")
    int minPasswordLength() default 12;

    @AttributeDefinition(description = "The realm's users file; ${karaf.etc} is Karaf's etc folder")
    String usersFile() default "${karaf.etc}/users.properties";

    @AttributeDefinition(description = "Character classes a new password needs, of four: upper-case, lower-case, digits,"
            + " others (symbols, spaces, Chinese)", min = "1", max = "4")
    int passwordClasses() default 3;

    @AttributeDefinition(description = "A new password may not be any of the user's last N passwords (0: no check)", min = "0")
    int passwordHistory() default 5;

    @AttributeDefinition(description = "Under the production profile, a password older than this many days is refused at"
            + " login until an administrator sets a new one (0: never expires)", min = "0")
    int passwordMaxAgeDays() default 90;

    @AttributeDefinition(description = "The SM4 keys of sensitive stored fields, outside the database; made at first start,"
            + " readable by the product's user only; ${karaf.etc} is Karaf's etc folder")
    String fieldKeysFile() default "${karaf.etc}/lvyue-field-keys.properties";

    // what failed logins cost (GB/T 22239-2019 8.1.4.1 b): LoginLockout
    @AttributeDefinition(description = "Failed logins of one account within lockoutWindowMinutes that lock it", min = "1")
    int lockoutFailures() default 5;

    @AttributeDefinition(description = "The window in which failed logins are counted, in minutes", min = "1")
    int lockoutWindowMinutes() default 15;

    @AttributeDefinition(description = "How long a locked account stays locked, in minutes", min = "1")
    int lockoutMinutes() default 30;

    @AttributeDefinition(description = "Failed logins from one address within the window before it is slowed down: each"
            + " further failure doubles its wait before the next try, from 1 s", min = "1")
    int addressFreeFailures() default 10;

    @AttributeDefinition(description = "The longest wait of a slowed-down address, in seconds", min = "1")
    int addressMaxDelaySeconds() default 60;

    // the management terminals (GB/T 22239-2019 8.1.4.4 c): ManagementNetworks
    @AttributeDefinition(description = "Addresses and CIDR ranges (IPv4 or IPv6, comma-separated) from which the holders of"
            + " adminRoles may log in and act, besides the host itself (empty: any address)")
    String adminNetworks() default "";
    @AttributeDefinition(description = "The roles limited to adminNetworks, comma-separated")
    String adminRoles() default "admin,secadmin,auditadmin";
    // the security alarms (GB/T 22239-2019 8.1.4.4 f): MailedAlarms
    @AttributeDefinition(description = "E-mail addresses of the security administrators told at once of an account locked by"
            + " failed logins or an administrator's login from outside adminNetworks, comma-separated (empty: the log only);"
            + " sent through the notifications' SMTP settings")
    String alarmMailTo() default "";
    @AttributeDefinition(description = "The same alarm of the same account and address is told once in this many minutes",
            min = "1")
    int alarmQuietMinutes() default 10;
    // the second factor (GB/T 22239-2019 8.1.4.1 d): TotpSecondFactor
    @AttributeDefinition(description = "Roles whose holders must confirm a second factor (a TOTP authenticator app) before"
            + " they can log in by password, comma-separated, e.g. admin,secadmin,auditadmin (empty: it stays optional)")
    String secondFactorRequiredRoles() default "";

    @AttributeDefinition(description = "The issuer authenticator apps show beside the account")
    String secondFactorIssuer() default "Lvyue";
}
