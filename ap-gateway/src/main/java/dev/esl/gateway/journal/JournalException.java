package dev.esl.gateway.journal;

/** The journal cannot be opened or written: the gateway must not go on as if it could. */
public final class JournalException extends RuntimeException {
    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
