package org.lvyue.api.security;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * 登录失败处理 (GB/T 22239-2019 8.1.4.1 b): failed logins lock the account for a time and slow down the address they
 * come from. Every login path of the product asks before it checks a password, and reports the outcome; a locked
 * account is refused even with the right password, and even for a login remembered from before the lock.
 */
@ProviderType
public interface LoginAttempts {

    /** Why a login of {@code user} from {@code address} is not tried now, or null when it may be. */
    Wait refusal(String user, String address);

    /** A login of {@code user} from {@code address} failed: counted against both; the lock starts here. */
    void failed(String user, String address);

    /** A login succeeded: the account's failures are forgotten, and the address's. */
    void succeeded(String user, String address);

    /** The accounts locked now, soonest released first. */
    List<Lock> locks();

    /**
     * Releases a lock before its time, for {@code by} (recorded in the trail).
     *
     * @return whether the account was locked
     */
    boolean unlock(String user, String by);

    /**
     * A refusal: why, in Chinese and in English, and when to try again.
     *
     * @param retryAfterSeconds the seconds to wait, at least 1
     */
    record Wait(String message, String messageEn, long retryAfterSeconds) {
    }

    /**
     * A locked account.
     *
     * @param user     the account
     * @param since    when it was locked
     * @param until    when the lock ends by itself
     * @param failures the failed logins that locked it
     * @param address  where the last of them came from
     */
    record Lock(String user, Instant since, Instant until, int failures, String address) {
    }
}
