package org.lvyue.api.security;

import org.osgi.annotation.versioning.ProviderType;

/**
 * 入侵报警 (GB/T 22239-2019 8.1.4.4 f): a serious security event told to the security administrators at once, by
 * e-mail, besides its entry in the activity trail. The same event of the same account and address is told once in
 * a quiet period, so a scripted attack does not flood the administrators.
 *
 * @since 1.4
 */
@ProviderType
public interface SecurityAlarms {
    /** An account was locked by failed logins: someone may be guessing its password. */
    String ACCOUNT_LOCKED = "account-locked";
    /** An administrator's account logged in, or tried to act, from outside the management networks. */
    String TERMINAL_REFUSED = "terminal-refused";
    /**
     * A membership or collector token row whose integrity seal does not verify: written or altered in the database
     * around the product (密评 访问控制信息完整性). The address is {@code 数据库}.
     */
    String SEAL_BROKEN = "access-control-seal-broken";

    /**
     * Tells the event, unless the same was told within the quiet period.
     *
     * @param event   {@link #ACCOUNT_LOCKED}, {@link #TERMINAL_REFUSED} or {@link #SEAL_BROKEN}
     * @param user    the account
     * @param address where it came from
     * @param detail  what happened, in Chinese
     */
    void raise(String event, String user, String address, String detail);
}
