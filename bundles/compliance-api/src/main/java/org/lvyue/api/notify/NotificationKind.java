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
    SUPPORT_BREACH("工单已超时");

    private final String label;

    NotificationKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
