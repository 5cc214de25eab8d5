/** The product's use cases as one service: contracts, fact intake, findings. */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.lvyue.api.service;
