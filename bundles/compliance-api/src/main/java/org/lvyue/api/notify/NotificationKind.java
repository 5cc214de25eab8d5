package org.lvyue.api.notify;

/** What a message tells; a subscription names the kinds it wants. */
public enum NotificationKind {
    /** A new finding at or above the subscription's minimum severity (support-request findings aside). */
    FINDING("新违约事项"),
    /** A new amount in the contract's ledger (penalty, interest, refund, fee). */
    LEDGER("新增台账金额"),
    /** A support request nearing its phone or on-site deadline (the contract's warnBeforeMinutes). */
    SUPPORT_WARNING("工单即将超时"),
    /** A support request past its phone or on-site deadline. */
    SUPPORT_BREACH("工单已超时"),
    /**
     * A deadline coming due (a report, a yearly task, the drill, a certificate's or key's expiry, 甲方's review, a
     * cure period), the configured number of working days ahead; once per deadline and lead.
     * @since 1.1
     */
    DEADLINE("期限临近"),
    /** The contract's daily digest: open findings, what is new since yesterday, the coming deadlines. @since 1.1 */
    DIGEST("每日摘要"),
    /**
     * A waiver granted or withdrawn (a finding or a ledger amount no longer held against a party, or held again),
     * written in the transaction that records it. @since 1.1
     */
    WAIVER("豁免变更"),
    /**
     * A serious security event of the product itself (an account locked by failed logins, an administrator's login
     * from outside the management networks), to the security administrators' addresses: 入侵报警, GB/T 22239-2019
     * 8.1.4.4 f. Not a contract's: no subscription asks for it. @since 1.2
     */
    SECURITY_ALARM("安全告警");

    /**
     * The kinds a contract's subscription may ask for, by name: every kind but the product's own
     * {@link #SECURITY_ALARM}, whose recipients the security configuration names. @since 1.2
     */
    public static NotificationKind ofContracts(String name) {
        NotificationKind kind = valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        if (kind == SECURITY_ALARM) {
            throw new IllegalArgumentException(name);
        }
        return kind;
    }

    /** The names {@link #ofContracts} takes. @since 1.2 */
    public static String contractKinds() {
        return java.util.Arrays.stream(values()).filter(k -> k != SECURITY_ALARM).map(Enum::name).toList().toString();
    }

    private final String label;

    NotificationKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
