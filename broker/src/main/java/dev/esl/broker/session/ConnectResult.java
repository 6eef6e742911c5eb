package dev.esl.broker.session;

/** The session layer's answer to a CONNECT: the session to attach, or the refusal. */
public record ConnectResult(Session session, boolean sessionPresent, String refusal) {

    static ConnectResult accepted(Session session, boolean sessionPresent) {
        return new ConnectResult(session, sessionPresent, null);
    }

    static ConnectResult refused(String reason) {
        return new ConnectResult(null, false, reason);
    }

    public boolean isAccepted() {
        return refusal == null;
    }
}
