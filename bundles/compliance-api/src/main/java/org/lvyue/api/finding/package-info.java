/** Findings: what the rules derive from the facts, with the clause and the evidence. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lvyue.api.finding;
