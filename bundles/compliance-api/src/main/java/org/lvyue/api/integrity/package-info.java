/**
 * The tamper-evident chain of evidence (证据链): every stored fact batch, audit batch, finding
 * change, waiver change, contract definition and issued report digest is an entry whose hash covers
 * the one before, so a row changed behind the product's back is found, with its position.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lvyue.api.integrity;
