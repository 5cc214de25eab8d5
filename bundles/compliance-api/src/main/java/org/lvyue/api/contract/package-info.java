/** The contract as data. */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.lvyue.api.contract;
