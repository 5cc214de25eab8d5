package org.lvyue.rules.keys;

import java.time.LocalDate;
import java.util.List;

/**
 * Key material (one fingerprint) in service for more than one business system.
 *
 * @param fingerprint the shared fingerprint
 * @param systems     the systems using it, sorted
 * @param keys        the keys carrying it, sorted by id
 * @param since       the day the sharing began: the latest generation day among those keys
 */
public record SharedKey(String fingerprint, List<String> systems, List<Key> keys, LocalDate since) {

    public SharedKey {
        systems = List.copyOf(systems);
        keys = List.copyOf(keys);
    }

    /** The ids of every record of every key: the evidence. */
    public List<String> factIds() {
        return keys.stream().flatMap(k -> k.factIds().stream()).toList();
    }

    /** {@code K-001（社保卡系统，加密）、K-007（就业系统，加密）} */
    public String describe() {
        return String.join("、", keys.stream().map(Key::label).toList());
    }
}
