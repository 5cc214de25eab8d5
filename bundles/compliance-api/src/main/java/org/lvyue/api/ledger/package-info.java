/** The money: amounts owed either way under the contract, each traceable to its clause, formula and facts. */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.lvyue.api.ledger;
