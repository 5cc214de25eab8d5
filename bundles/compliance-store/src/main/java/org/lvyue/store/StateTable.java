package org.lvyue.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A table whose rows change in place (contracts, findings, waivers): the evidence chain has an
 * entry for each state a row was written in, and the last entry about a row holds the digest of the
 * row as it must be now. Verification and the first sealing of a chain read them alike through this.
 *
 * @param <R> a row as the table class reads it
 */
interface StateTable<R> {

    /** The table's name, as verification reports name it. */
    String name();

    /** The kind of the entries about this table's rows. */
    EvidenceTable.Kind kind();

    /** The row's key: the {@code ref} of the entries about it. */
    String key(R row);

    /** The row's digest, as its entry holds it. */
    String digest(ChainDigest d, R row);

    /** Every row of the contract, in key order. */
    void forEach(Connection c, String contractId, Sql.RowSink<R> sink) throws SQLException;
}
