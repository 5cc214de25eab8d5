/** A contract's standing on one day, as the console's dashboard shows it. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lvyue.api.dashboard;
