package dev.esl.broker.persistence;

/** The store on disk cannot be read as the broker wrote it: start-up stops rather than run empty. */
public final class CorruptStoreException extends RuntimeException {
    public CorruptStoreException(String message) {
        super(message);
    }

    public CorruptStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
