package org.lvyue.api.notify;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The subscriptions of each contract (who receives what). Every change is recorded in the activity trail in
 * the same transaction, under the acting user and address given.
 */
@ProviderType
public interface NotificationSubscriptions {
    String SUBSCRIPTION_ADD = "subscription-add";
    String SUBSCRIPTION_REMOVE = "subscription-remove";

    /** The contract's subscriptions, by id. */
    List<Subscription> subscriptions(String contract);

    Optional<Subscription> subscription(String contract, long id);

    /** Stores a new subscription (its id and creation are set here) and returns it as stored. */
    Subscription addSubscription(Subscription subscription, String actor, String address);

    /** Removes the contract's subscription; false when it has none with this id. Messages already written stay. */
    boolean removeSubscription(String contract, long id, String actor, String address);
}
