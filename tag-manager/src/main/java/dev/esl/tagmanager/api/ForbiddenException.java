package dev.esl.tagmanager.api;

/** The signed-in user may not reach what the request names (another store's tag, say): answered 403. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
