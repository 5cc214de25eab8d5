/** The product's use cases, one interface each: contracts, fact intake, fact queries, findings, assessments, accounts, dashboards, the evidence chain. */
@org.osgi.annotation.versioning.Version("1.3.0")
package org.lvyue.api.service;
