package org.lvyue.api.spi;

/** How often an obligation falls due. */
public enum Frequency {
    DAILY("每日"), WEEKLY("每周"), MONTHLY("每月"), QUARTERLY("每季度"), YEARLY("每年"), PER_EVENT("每次事件");

    private final String label;

    Frequency(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
