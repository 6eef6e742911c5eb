package dev.esl.gateway.dongle;

/** An application message that cannot be decoded; the message says what was wrong. */
public final class MalformedMessageException extends Exception {
    private final int ref;

    public MalformedMessageException(String message, int ref) {
        super(message);
        this.ref = ref;
    }

    /** The ref the message carried, or -1 if it could not be read. */
    public int ref() {
        return ref;
    }
}
