package org.lvyue.api.notify;

/** How a message travels: e-mail, or a webhook in one of the formats receivers expect. */
public enum Channel {
    /** E-mail over SMTP; the target is an address. */
    EMAIL("邮件"),
    /** A generic JSON POST to the target URL. */
    WEBHOOK("Webhook"),
    /** 企业微信 group robot ({@code msgtype: markdown}); the target is the robot's webhook URL. */
    WECOM("企业微信"),
    /** 钉钉 group robot ({@code msgtype: markdown}), signed when the subscription has a secret. */
    DINGTALK("钉钉");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
