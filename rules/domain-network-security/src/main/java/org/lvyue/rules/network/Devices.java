package org.lvyue.rules.network;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.lvyue.api.engine.ReportingPeriod;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.spi.Obligation;

/**
 * Reading the device register and the device records for the device baselines. Thresholds come from
 * each check's params, never from the rules.
 */
public final class Devices {
    private Devices() {
    }

    /** The devices of the register, one per device id (its first register fact), sorted by id. */
    public static List<Device> of(Collection<?> registers) {
        Map<String, Fact> first = new TreeMap<>();
        for (Object o : registers) {
            Fact f = (Fact) o;
            first.merge(f.getSubject(), f, (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        List<Device> out = new ArrayList<>(first.size());
        first.forEach((id, f) -> out.add(new Device(id, f.attr("name"), f.attr("type"), f.attr("site"), f.getDate(), f)));
        return out;
    }

    /** Whether the device was under maintenance in the period: registered on or before its last day. */
    public static boolean registeredBy(Device device, ReportingPeriod period) {
        return !device.registered().isAfter(period.end());
    }

    /**
     * The fact the password age counts from: the latest password change on or before the day, or,
     * with none, the device's register fact.
     */
    public static Fact passwordSince(Device device, Collection<?> changes, LocalDate day) {
        Fact latest = null;
        for (Object o : changes) {
            Fact f = (Fact) o;
            if (!f.getDate().isAfter(day) && (latest == null || f.compareTo(latest) > 0)) {
                latest = f;
            }
        }
        return latest == null ? device.register() : latest;
    }

    /** Whether more than {@code maxPasswordAgeDays} days lie between the fact's day and the evaluation day. */
    public static boolean passwordTooOld(Fact since, Obligation check, LocalDate asOf) {
        return since.getDate().plusDays(param(check, "maxPasswordAgeDays")).isBefore(asOf);
    }

    /** A whole-number threshold of the check, e.g. {@code maxPasswordAgeDays}. */
    public static int param(Obligation check, String name) {
        String v = check.params().get(name);
        if (v == null) {
            throw new IllegalArgumentException("baseline check " + check.id() + " has no parameter " + name);
        }
        return Integer.parseInt(v.trim());
    }
}
