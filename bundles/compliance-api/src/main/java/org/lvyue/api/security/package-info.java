/** Who may log in: the security profile (demo or production), password rules and HTTPS. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lvyue.api.security;
