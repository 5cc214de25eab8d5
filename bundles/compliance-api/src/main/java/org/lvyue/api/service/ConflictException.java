package org.lvyue.api.service;

/** The request conflicts with what is stored (an older contract version, a second waiver for one key); HTTP 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
