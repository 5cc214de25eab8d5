package org.lvyue.api.service;

import java.util.List;

import org.lvyue.api.fact.FactProblem;

/**
 * Submitted data was refused; nothing of it was stored. Each problem names the item (its index in
 * the batch), the field and the reason, so a person can fix exactly that.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<FactProblem> problems;

    public InvalidInputException(String message, List<FactProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<FactProblem> problems() {
        return problems;
    }
}
