/**
 * The formal reports (PDF, signed): the quarterly assessment, the monthly domain reports, the ledger and the settlement;
 * the supplier's 检查运维单, record sheets and monthly 巡检报告 and its submission.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.lvyue.api.report;
