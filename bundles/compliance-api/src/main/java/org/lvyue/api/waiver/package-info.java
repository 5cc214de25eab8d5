/** Waivers: an administrator's recorded decision not to pursue a finding or an amount. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lvyue.api.waiver;
