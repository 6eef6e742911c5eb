package dev.esl.broker.persistence;

/** A store read or write failed while running (disk full, I/O error): the operation must not be acknowledged. */
public final class StoreFailureException extends RuntimeException {
    public StoreFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
