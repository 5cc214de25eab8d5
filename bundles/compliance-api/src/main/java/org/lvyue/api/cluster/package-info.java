/**
 * A cluster of identical nodes on one shared database (issue #26): which node owns each contract's working memory
 * and writes, and who is told when that changes. On a single node every contract is the node's own.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lvyue.api.cluster;
