/** Signatures of the product's documents (formal reports): detached CMS SignedData, RSA and SM2, and their check. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lvyue.api.signing;
