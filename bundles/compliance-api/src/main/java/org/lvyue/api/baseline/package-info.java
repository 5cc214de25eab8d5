/** Security baseline checks and their results, in the shape engineers know from InSpec, OpenSCAP and Wazuh SCA. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lvyue.api.baseline;
