package org.lvyue.api.audit;

/** How many audit entries share a key (a day, a user, an address, a resource or an action). */
public record AuditCount(String key, long count) {
}
