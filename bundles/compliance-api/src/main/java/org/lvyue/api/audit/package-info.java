/** 安全审计: the audit log of the business systems (logins, operations, permission grants, file transfers) and its queries. */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.lvyue.api.audit;
