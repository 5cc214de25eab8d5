package org.lvyue.rules.network;

import java.time.LocalDate;

import org.lvyue.api.fact.Fact;

/**
 * One security device of the register (a {@code device} fact; the first one when its register was
 * sent again).
 *
 * @param id         the device id (the register's subject)
 * @param name       e.g. 办公楼出口防火墙
 * @param type       防火墙, 网闸, ...
 * @param site       where it stands, or null
 * @param registered the day it came under maintenance: the checks count from it
 * @param register   the register fact, the evidence of a finding
 */
public record Device(String id, String name, String type, String site, LocalDate registered, Fact register) {

    /** How a finding names the device: {@code 出口防火墙（FW-01，防火墙）}. */
    public String label() {
        return (name == null ? id : name) + "（" + id + (type == null ? "" : "，" + type) + "）";
    }
}
