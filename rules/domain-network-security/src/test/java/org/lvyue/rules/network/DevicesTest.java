package org.lvyue.rules.network;

import static java.time.LocalDate.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.engine.ReportingPeriod;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.Obligation;

/** The device register read the way the baseline rules read it. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DevicesTest {
    private static final Obligation PASSWORD_AGE = new Obligation("ns.device-password-age", "network-security",
            "安全设备登录口令超期未更换", "附件二 6", Frequency.PER_EVENT, 1, "device", null, Severity.MEDIUM, null,
            Obligation.Category.BASELINE, null, null, Map.of("maxPasswordAgeDays", "90"));

    private static Fact fact(String id, String kind, String device, String date) {
        return Fact.builder().id(id).contractId("c").domain("network-security").kind(kind).subject(device).date(parse(date))
                .attributes(kind.equals("device") ? Map.of("name", "出口防火墙", "type", "防火墙") : Map.of()).build();
    }

    @Test
    void a_device_registered_twice_counts_from_its_first_register() {
        Fact first = fact("d1", "device", "FW-01", "2022-01-10");
        List<Device> devices = Devices.of(List.of(fact("d2", "device", "FW-01", "2022-03-01"), first,
                fact("d3", "device", "GW-01", "2022-02-01")));
        assertEquals(List.of("FW-01", "GW-01"), devices.stream().map(Device::id).toList());
        assertEquals(parse("2022-01-10"), devices.get(0).registered());
        assertSame(first, devices.get(0).register());
        assertEquals("出口防火墙（FW-01，防火墙）", devices.get(0).label());
    }

    @Test
    void a_device_is_due_in_a_period_when_registered_by_its_last_day() {
        Device d = Devices.of(List.of(fact("d1", "device", "FW-01", "2022-03-31"))).get(0);
        assertTrue(Devices.registeredBy(d, period("2022-03-01", "2022-03-31")));
        assertTrue(Devices.registeredBy(d, period("2022-01-01", "2022-03-31")));
        assertFalse(Devices.registeredBy(d, period("2022-02-01", "2022-02-28")));
    }

    @Test
    void the_password_age_counts_from_the_latest_change_up_to_the_day_or_else_from_the_register() {
        Device d = Devices.of(List.of(fact("d1", "device", "FW-01", "2022-01-10"))).get(0);
        Fact march = fact("p1", "device.password-change", "FW-01", "2022-03-01");
        Fact may = fact("p2", "device.password-change", "FW-01", "2022-05-01");
        assertSame(may, Devices.passwordSince(d, List.of(may, march), parse("2022-07-15")));
        assertSame(march, Devices.passwordSince(d, List.of(may, march), parse("2022-04-30")));  // May's is later than the day
        assertSame(d.register(), Devices.passwordSince(d, List.of(), parse("2022-07-15")));
    }

    @Test
    void a_password_90_days_old_is_in_time_and_91_days_old_is_too_old() {
        // 2022-04-16 + 90 days = 2022-07-15: not before the evaluation day
        assertFalse(Devices.passwordTooOld(fact("p1", "device.password-change", "FW-01", "2022-04-16"), PASSWORD_AGE, parse("2022-07-15")));
        assertTrue(Devices.passwordTooOld(fact("p2", "device.password-change", "FW-01", "2022-04-15"), PASSWORD_AGE, parse("2022-07-15")));
    }

    @Test
    void a_threshold_is_read_from_the_checks_params() {
        assertEquals(90, Devices.param(PASSWORD_AGE, "maxPasswordAgeDays"));
        assertThrows(IllegalArgumentException.class, () -> Devices.param(PASSWORD_AGE, "maxAgeDays"));
    }

    private static ReportingPeriod period(String start, String end) {
        return new ReportingPeriod(Frequency.MONTHLY, parse(start), parse(end), start.substring(0, 7));
    }
}
