package org.lvyue.api.activity;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The product's own record of who did what (logins, imports, waivers, bundle changes, contract
 * definitions): append-only, newest first. Not the contract's security audit log, which holds the
 * business systems' entries ({@link org.lvyue.api.audit.AuditLog}).
 *
 * <p>It is the product's security trail (GB/T 22239-2019 8.1.4.3 安全审计): every entry says who, when, from where,
 * what and with which result, and is chained to the entry before by SM3, so the trail can be verified
 * ({@link #verify()}) and exported with its head ({@link #between}). There is no way to change or delete an entry
 * through this interface, nor through the product.
 */
@ProviderType
public interface ActivityLog {
    String LOGIN = "login";
    String LOGIN_FAILED = "login-failed";
    /** A console session ended by its user. */
    String LOGOUT = "logout";
    String FACTS_IMPORT = "facts-import";
    String WAIVER_ADD = "waiver-add";
    String WAIVER_WITHDRAW = "waiver-withdraw";
    String BUNDLE_UPLOAD = "bundle-upload";
    String BUNDLE_REMOVE = "bundle-remove";
    String CONTRACT_DEFINE = "contract-define";
    String CONTRACT_RENEW = "contract-renew";
    /** An account locked after failed logins ({@link org.lvyue.api.security.LoginAttempts}). */
    String ACCOUNT_LOCK = "account-lock";
    /** A lock released: at its end, or early by an administrator. */
    String ACCOUNT_UNLOCK = "account-unlock";
    /** Personal information shown whole to a role that needs it (README "Personal information"). */
    String PERSONAL_DATA_VIEW = "personal-data-view";

    /** Every action name the product records. */
    List<String> ACTIONS = List.of(LOGIN, LOGIN_FAILED, LOGOUT, FACTS_IMPORT, WAIVER_ADD, WAIVER_WITHDRAW, BUNDLE_UPLOAD,
            BUNDLE_REMOVE, CONTRACT_DEFINE, CONTRACT_RENEW, ACCOUNT_LOCK, ACCOUNT_UNLOCK,
            PERSONAL_DATA_VIEW);

    /**
     * Records one action, committed before it returns: a {@link #LOGIN_FAILED} as {@link #REFUSED}, any other as
     * {@link #SUCCESS}.
     *
     * @return the entry as stored, with its id and time
     * @throws org.lvyue.api.store.StoreException when it cannot be written
     */
    ActivityEntry record(String user, String address, String action, String target, String detail);

    /**
     * Records one action with its result ({@link #SUCCESS} or {@link #REFUSED}), chained to the entry before, committed
     * before it returns.
     *
     * @return the entry as stored, with its id, time and hash
     * @throws org.lvyue.api.store.StoreException when it cannot be written
     * @since 1.3
     */
    ActivityEntry record(String user, String address, String action, String target, String detail, String result);

    /**
     * The entries recorded from {@code from} (included) to {@code to} (excluded), oldest first, at most {@code limit}.
     *
     * @since 1.3
     */
    List<ActivityEntry> between(Instant from, Instant to, int limit);

    /**
     * Recomputes the whole chain: each entry's hash from its fields and the hash of the entry before.
     *
     * @since 1.3
     */
    Verification verify();

    /**
     * The outcome of {@link #verify()}.
     *
     * @param intact      whether every entry is as it was recorded and none is missing
     * @param entries     how many entries were read
     * @param headId      the last entry's id (0 when there is none)
     * @param headHash    the last entry's hash (64 zeros when there is none): write it down to check a later export
     * @param firstBroken the id of the first entry that does not match, or 0 when intact
     * @param problem     what is wrong with it, in Chinese with English beside it, or null when intact
     * @since 1.3
     */
    record Verification(boolean intact, long entries, long headId, String headHash, long firstBroken, String problem) {
    }

    /** The matching entries, newest first. */
    List<ActivityEntry> list(Query query);

    /** How many entries match (limit and offset ignored). */
    long count(Query query);

    /**
     * @param user   exactly this user, or null for anyone
     * @param action exactly this action, or null for any
     * @param limit  at most this many
     * @param offset skipping this many of the newest
     */
    record Query(String user, String action, int limit, int offset) {
    }

    // the security trail (issue #25 item 3): results, and the actions added with it

    /** The result of an action that was done. */
    String SUCCESS = "success";
    /** The result of an action that was refused (a wrong password, a role conflict, a locked account). */
    String REFUSED = "refused";
    /** A user added, a password set, or roles granted ({@code compliance:passwd}). */
    String USER_CHANGE = "user-change";
    /** The security trail exported by an audit administrator. */
    String ACTIVITY_EXPORT = "activity-export";
    /** The security trail verified by an audit administrator. */
    String ACTIVITY_VERIFY = "activity-verify";
    /** A collector token used: recorded once a minute at most per token, as its last use is noted. */
    String TOKEN_USE = "token-use";
    /** A configuration of the installation added, changed or deleted (the keys, never the values). */
    String CONFIG_CHANGE = "config-change";
    /** A bundle installed, updated or uninstalled, however it was. */
    String BUNDLE_CHANGE = "bundle-change";
    /**
     * A request refused for the caller's role or scope (403: a role not allowed, a missing CSRF token, HTTPS required, an
     * operation of the other party), recorded as {@link #REFUSED} with the method and path.
     *
     * @since 1.4
     */
    String ACCESS_DENIED = "access-denied";
    /** The actions of the security trail added with the chain, beside {@link #ACTIONS}. */
    List<String> SECURITY_ACTIONS = List.of(USER_CHANGE, ACTIVITY_EXPORT, ACTIVITY_VERIFY, TOKEN_USE, CONFIG_CHANGE, BUNDLE_CHANGE,
            ACCESS_DENIED);
}
