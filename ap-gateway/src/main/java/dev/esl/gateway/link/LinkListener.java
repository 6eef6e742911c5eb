package dev.esl.gateway.link;

/**
 * What a link tells its user. Called on the link's own thread, one call at a time: return quickly and hand
 * heavy work to another thread. Between {@link #linkDown} and the next {@link #linkUp} nothing sent
 * reaches the peer.
 */
public interface LinkListener {
    /**
     * The link (re)started after a reset handshake (or the dongle restarting by itself): nothing sent before
     * survives it, and the peer has forgotten every unfinished exchange.
     */
    void linkUp(int resetCode);

    /** A message arrived, in order, exactly once. */
    void message(byte[] payload);

    /** The link stopped working; on the host a reset handshake follows at once. */
    default void linkDown(String reason) {
    }

    /** Host only: the reset handshake failed (or the port failed): the port should be closed and reopened. */
    default void linkFailed(String reason) {
    }

    /**
     * Messages received and not yet handled (queued for another thread). At {@link LinkSettings#notReadyBacklog}
     * the link asks the peer to pause; call {@link LinkEngine#caughtUp()} as the backlog shrinks so it goes on.
     */
    default int backlog() {
        return 0;
    }
}
