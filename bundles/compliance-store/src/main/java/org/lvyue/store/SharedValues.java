package org.lvyue.store;

import java.util.HashMap;
import java.util.Map;

/**
 * One instance per equal value among the rows of one long read: a contract's records are read to be held by the
 * engine (about 72,000 facts and a quarter of a million audit entries a year), and their users, addresses,
 * actions, systems, kinds, statuses, attribute names and days repeat, while the driver gives a new object for
 * every column of every row. Held only for the read; bounded, so that a column of mostly distinct values costs a
 * lookup, not a map of them all.
 */
final class SharedValues {
    private static final int MAX = 1 << 16;
    private final Map<Object, Object> values = new HashMap<>();

    /** The instance equal to {@code value} seen first in this read, or {@code value} itself. */
    @SuppressWarnings("unchecked")
    <T> T of(T value) {
        if (value == null) {
            return null;
        }
        Object held = values.get(value);
        if (held != null) {
            return (T) held;
        }
        if (values.size() < MAX) {
            values.put(value, value);
        }
        return value;
    }
}
