package org.lvyue.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Answers to reads of one contract's rows, reused while nothing the reads depend on changed. Each
 * contract has a generation; the writer moves it on with {@link #changed} once its change committed,
 * and an answer is reused only while the generation it was read in is current. The generation is
 * taken before the read, so a change committed during the read makes its answer stale at once.
 *
 * <p>At most {@code capacity} answers are kept, of every contract together; when that many are kept
 * they are all dropped: the console asks few distinct questions, and a full cache is rare.
 */
final class ContractReads {
    private record Question(String contractId, Object question) {
    }

    private record Answer(long generation, Object value) {
    }

    private final int capacity;
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
    private final Map<Question, Answer> answers = new ConcurrentHashMap<>();

    ContractReads(int capacity) {
        this.capacity = capacity;
    }

    /**
     * The answer {@code read} gives to {@code question} about the contract, reused while the contract
     * has not {@link #changed}.
     *
     * @param question equal for the same question, e.g. a list of the read's parameters
     * @param read     gives an answer that is not modified afterwards
     */
    @SuppressWarnings("unchecked")
    <T> T get(String contractId, Object question, Supplier<T> read) {
        long generation = generation(contractId);
        Question key = new Question(contractId, question);
        Answer hit = answers.get(key);
        if (hit != null && hit.generation() == generation) {
            return (T) hit.value();
        }
        T value = read.get();
        if (answers.size() >= capacity) {
            answers.clear();
        }
        answers.put(key, new Answer(generation, value));
        return value;
    }

    /** What the contract's answers depend on changed: none read before is reused. */
    void changed(String contractId) {
        generations.computeIfAbsent(contractId, k -> new AtomicLong()).incrementAndGet();
    }

    private long generation(String contractId) {
        AtomicLong g = generations.get(contractId);
        return g == null ? 0 : g.get();
    }
}
