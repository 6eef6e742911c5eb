package dev.esl.tagmanager.api;

/** The request contradicts what is stored (a duplicate id, a row still in use): answered 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
