package org.lvyue.api.activity;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The product's own record of who did what (logins, imports, waivers, bundle changes, contract
 * definitions): append-only, newest first. Not the contract's security audit log, which holds the
 * business systems' entries ({@link org.lvyue.api.audit.AuditLog}).
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
     * Records one action, committed before it returns.
     *
     * @return the entry as stored, with its id and time
     * @throws org.lvyue.api.store.StoreException when it cannot be written
     */
    ActivityEntry record(String user, String address, String action, String target, String detail);

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
}
