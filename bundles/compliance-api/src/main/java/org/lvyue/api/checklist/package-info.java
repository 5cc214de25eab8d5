/**
 * 今日巡检: the check items due on a contract's day, what is recorded against each, and the recording of results by the
 * supplier's engineers. The 检查运维单 and the monthly 巡检报告 are printed from the same view.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lvyue.api.checklist;
