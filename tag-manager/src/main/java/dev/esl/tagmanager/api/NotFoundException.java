package dev.esl.tagmanager.api;

/** An id in the request names nothing: answered 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what, Object id) {
        super(what + " " + id + " does not exist");
    }
}
