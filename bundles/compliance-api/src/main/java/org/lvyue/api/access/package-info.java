/**
 * Who acts for whom (参与方与访问范围): organisations, their members' roles, and the per-contract API
 * tokens of collectors. A user acts on a contract only in the role they hold in one of the
 * organisations the contract names ({@link org.lvyue.api.contract.Contract#organisations()}).
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lvyue.api.access;
