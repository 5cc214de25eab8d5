/** The quarterly assessment (季度运维服务质量考核). */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lvyue.api.assessment;
