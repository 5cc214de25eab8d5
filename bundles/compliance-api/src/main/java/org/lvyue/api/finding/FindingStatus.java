package org.lvyue.api.finding;

/** Where a finding stands. */
public enum FindingStatus {
    /** The rule still holds against the facts. */
    OPEN("未消除"),
    /** The rule held once and no longer does: facts arrived, or the rule was replaced or removed. */
    RESOLVED("已消除"),
    /** An administrator waived it with a recorded justification. */
    WAIVED("已豁免");

    private final String label;

    FindingStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
