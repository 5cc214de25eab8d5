/** Who did what through the product (活动记录): logins, imports, waivers, bundle changes. */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.lvyue.api.activity;
