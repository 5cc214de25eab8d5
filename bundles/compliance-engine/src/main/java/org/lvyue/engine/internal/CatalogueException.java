package org.lvyue.engine.internal;

/** A domain catalogue that cannot be used; the message names the path inside it and the reason. */
public class CatalogueException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    public CatalogueException(String message, int line) {
        super(message);
        this.line = line;
    }

    /** 1-based line in the catalogue file, or -1. */
    public int line() {
        return line;
    }
}
