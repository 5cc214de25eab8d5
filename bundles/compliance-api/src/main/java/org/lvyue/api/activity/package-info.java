/** Who did what through the product (活动记录): logins, account locks, imports, waivers, bundle changes. */
@org.osgi.annotation.versioning.Version("1.4.0")
package org.lvyue.api.activity;
