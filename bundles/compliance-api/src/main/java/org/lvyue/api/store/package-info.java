/** The durable store of contracts, facts and findings. */
@org.osgi.annotation.versioning.Version("1.8.0")
package org.lvyue.api.store;
