package dev.esl.gateway.link;

/** A frame that arrived damaged or cannot be read; the message says what was wrong. */
public final class FrameException extends Exception {
    public FrameException(String message) {
        super(message);
    }
}
