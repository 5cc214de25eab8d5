/** The contract as data. */
@org.osgi.annotation.versioning.Version("1.2.0")
package org.lvyue.api.contract;
