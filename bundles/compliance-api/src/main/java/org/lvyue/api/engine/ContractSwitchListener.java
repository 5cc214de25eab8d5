package org.lvyue.api.engine;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: told which rule set a contract's evaluations stand on whenever that changes.
 * After a rule-set change the engine builds each held contract's working memory for the new rule
 * set on its own thread, beside the running one, which keeps answering meanwhile; once it is
 * ready the engine switches to it and calls {@link #switched}. It is called as well when a memory
 * without a session (first used, or used again after a release or a rule failure) was built on
 * a rule set other than the one last told. From that call on, evaluations of the contract stand on
 * {@code ruleSetVersion}, so that is the moment to evaluate it again and record what it finds.
 *
 * <p>Called on the engine's thread: keep it short or hand off.
 */
@ConsumerType
@FunctionalInterface
public interface ContractSwitchListener {
    void switched(String contractId, long ruleSetVersion);
}
