/** The formal reports (PDF, signed): the quarterly assessment, the monthly domain reports, the ledger and the settlement. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lvyue.api.report;
