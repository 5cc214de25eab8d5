package org.lvyue.api.access;

import java.util.List;
import java.util.Objects;

/**
 * An organisation whose users act for a party of contracts: the client bureau, a supplier, the
 * evaluating centre.
 *
 * @param id   a short stable id ({@code bj-hrss}), the value of a party's {@code organisation}
 * @param name its full name (北京市人力资源和社会保障局)
 * @param kind one of {@link #KINDS}
 */
public record Organisation(String id, String name, String kind) {
    public static final String CLIENT = "client";
    public static final String SUPPLIER = "supplier";
    public static final String EVALUATOR = "evaluator";
    /** Every kind of organisation. */
    public static final List<String> KINDS = List.of(CLIENT, SUPPLIER, EVALUATOR);

    public Organisation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }
}
