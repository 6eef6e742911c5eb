package dev.esl.tagmanager.dispatch;

/** A message from an AP that breaks the contract; the message names the field. */
class InvalidMessageException extends Exception {
    InvalidMessageException(String message) {
        super(message);
    }
}
