package org.lvyue.api.finding;

/** How grave a finding is; the Chinese label is what reports and the console show. */
public enum Severity {
    CRITICAL("严重"), HIGH("高"), MEDIUM("中"), LOW("低"), INFO("提示");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
