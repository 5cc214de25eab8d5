/** The contract as data. */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.lvyue.api.contract;
