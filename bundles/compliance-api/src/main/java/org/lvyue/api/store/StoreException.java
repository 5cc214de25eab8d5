package org.lvyue.api.store;

/** The store could not do what was asked (I/O, database). Nothing was half-done. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
