package org.lvyue.testing;

/** The refusal of a fake's method that no test calls yet: implement it here when one does. */
final class Unused {
    private Unused() {
    }

    static UnsupportedOperationException because(String method, String reason) {
        return new UnsupportedOperationException(method + " is not faked: " + reason);
    }
}
