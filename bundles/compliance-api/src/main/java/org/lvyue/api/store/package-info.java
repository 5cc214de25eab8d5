/** The durable store of contracts, facts and findings. */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.lvyue.api.store;
