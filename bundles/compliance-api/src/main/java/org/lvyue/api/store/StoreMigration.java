package org.lvyue.api.store;

import java.util.List;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Moving the store to another database (an embedded H2 store to PostgreSQL, say) while the product
 * runs: every contract's rows are copied as they are (ids, chain positions, hashes), contract by
 * contract, each under the contract's lock; the copy of each is then verified on the target, where
 * its evidence chain must end at the same head as here.
 */
@ProviderType
public interface StoreMigration {
    /**
     * Copies the whole store into the database at {@code url}, which must hold no data (its schema is
     * made when missing); a target that already holds a contract is refused before anything is copied,
     * naming the contract.
     *
     * @param url      a JDBC URL of a database the store runs on ({@code jdbc:postgresql:} or {@code jdbc:h2:})
     * @param progress told of each contract once it is copied and verified
     * @return one result per contract, in the order copied
     * @throws IllegalArgumentException when the URL is not one the store runs on, or the target holds data
     * @throws StoreException           when a database fails
     */
    List<ContractCopy> copyTo(String url, String user, String password, Consumer<ContractCopy> progress);

    /**
     * One contract's copy.
     *
     * @param contractId the contract
     * @param rows       rows copied, per table
     * @param sourceHead its evidence chain's head here, {@code position:hash}
     * @param targetHead the head the target's verification ended at
     * @param problems   what the target's verification found (empty when intact)
     */
    record ContractCopy(String contractId, java.util.Map<String, Long> rows, String sourceHead, String targetHead,
                        List<String> problems) {
        public ContractCopy {
            rows = java.util.Map.copyOf(rows);
            problems = List.copyOf(problems);
        }

        /** True when the target verified intact and ends at the same head. */
        public boolean verified() {
            return problems.isEmpty() && sourceHead.equals(targetHead);
        }
    }
}
