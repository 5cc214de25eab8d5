package org.lvyue.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A table's columns, in the order its class binds and reads them, joined into the parts of SQL
 * statements. A table class declares its columns once; its statements, binders and readers follow
 * that one list, so a column is added in one place.
 */
final class Columns {
    private final List<String> names;

    private Columns(List<String> names) {
        this.names = List.copyOf(names);
    }

    static Columns of(String... names) {
        return new Columns(List.of(names));
    }

    List<String> names() {
        return names;
    }

    int size() {
        return names.size();
    }

    /** {@code a, b, c} */
    String list() {
        return String.join(", ", names);
    }

    /** {@code t.a, t.b, t.c} */
    String list(String alias) {
        return String.join(", ", names.stream().map(n -> alias + "." + n).toList());
    }

    /** {@code ?, ?, ?}: one parameter per column. */
    String parameters() {
        return String.join(", ", Collections.nCopies(names.size(), "?"));
    }

    /** {@code a = ?, b = ?, c = ?} */
    String assignments() {
        return String.join(", ", names.stream().map(n -> n + " = ?").toList());
    }

    /** Where {@code column} is in a row read with {@link #list()}, counting from 1 as JDBC does. */
    int index(String column) {
        requireColumn(column);
        return names.indexOf(column) + 1;
    }

    /** Where each of these columns is in {@code all}, counting from 0. */
    int[] positionsIn(Columns all) {
        int[] positions = new int[names.size()];
        for (int i = 0; i < positions.length; i++) {
            all.requireColumn(names.get(i));
            positions[i] = all.names.indexOf(names.get(i));
        }
        return positions;
    }

    /** These columns followed by {@code more}. */
    Columns and(Columns more) {
        List<String> all = new ArrayList<>(names);
        all.addAll(more.names);
        return new Columns(all);
    }

    /** These columns but {@code left}, which must be among them. */
    Columns without(String... left) {
        List<String> kept = new ArrayList<>(names);
        for (String n : left) {
            requireColumn(n);
            kept.remove(n);
        }
        return new Columns(kept);
    }

    private void requireColumn(String column) {
        if (!names.contains(column)) {
            throw new IllegalArgumentException("no column " + column + " in " + names);
        }
    }

    @Override
    public String toString() {
        return list();
    }
}
