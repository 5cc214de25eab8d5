/** Facts collected about the contract's performance, and the kinds a domain declares for them. */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.lvyue.api.fact;
