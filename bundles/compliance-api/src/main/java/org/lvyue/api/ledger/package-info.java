/**
 * The money: amounts owed under the contract, between 甲方 and 乙方 and by a third party (the new service
 * provider of 一般条款 十六), each traceable to its clause, formula and facts.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.lvyue.api.ledger;
