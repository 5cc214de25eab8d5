package org.lvyue.rules.staffing;

import java.time.LocalDate;

/** Someone of a role was present at a site on a day: derived from attendance and the roster. */
public record OnSite(String role, String site, LocalDate day) {
}
