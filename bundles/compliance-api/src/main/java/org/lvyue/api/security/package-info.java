/** Who may log in: the security profile (demo or production), password rules, HTTPS, and what failed logins cost. */
@org.osgi.annotation.versioning.Version("1.5.0")
package org.lvyue.api.security;
