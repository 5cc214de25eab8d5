/**
 * In-memory fakes of the use-case services ({@code org.lvyue.api.service}) and of the engine, for unit tests of
 * their consumers. Each holds its data in public lists a test fills, answers from them the way the product does
 * (filters, ordering, refusals), and records what a test may want to check. A method no test calls throws
 * {@link java.lang.UnsupportedOperationException} with the reason, so that a new use is noticed, not faked.
 */
package org.lvyue.testing;
