/** The rule engine service and what it reports about the domain bundles it runs. */
@org.osgi.annotation.versioning.Version("1.4.0")
package org.lvyue.api.engine;
