package dev.esl.audit.chain;

import dev.esl.audit.event.ChainedEvent;
import java.util.Iterator;

/**
 * Walks a stream in sequence order and reports the first link that does not hold: a sequence number skipped (an
 * event deleted), an event whose content no longer gives its hash (edited), an event whose previous hash is not the
 * hash of the one before it (edited and re-hashed, or inserted), or a stream shorter than its recorded head (its
 * last events deleted).
 */
public final class ChainVerifier {
    private ChainVerifier() {
    }

    /**
     * @param from   where the stored part of the chain starts: {@link Link#START}, or the last archived event
     * @param events the stream's events from there, in sequence order
     * @param head   the stream's recorded head (its last sequence number and hash), or null when there is none
     */
    public static VerificationReport verify(String stream, Link from, Iterator<ChainedEvent> events, Link head) {
        long expected = from.seq() + 1;
        String prevHash = from.hash();
        long checked = 0;
        while (events.hasNext()) {
            ChainedEvent e = events.next();
            if (e.seq() != expected) {
                return VerificationReport.broken(stream, checked, expected - 1, expected,
                        e.seq() > expected ? "missing: the next event is seq " + e.seq()
                                : "seq " + e.seq() + " found where seq " + expected + " was expected");
            }
            if (!e.stream().equals(stream)) {
                return VerificationReport.broken(stream, checked, expected - 1, expected,
                        "event names stream " + e.stream());
            }
            if (!e.prevHash().equals(prevHash)) {
                return VerificationReport.broken(stream, checked, expected - 1, expected,
                        "its previous hash is not the hash of seq " + (expected - 1));
            }
            String actual = ChainHasher.hashOf(e);
            if (!actual.equals(e.hash())) {
                return VerificationReport.broken(stream, checked, expected - 1, expected,
                        "its content does not give its hash (edited)");
            }
            checked++;
            prevHash = e.hash();
            expected++;
        }
        long last = expected - 1;
        if (head != null && head.seq() > last) {
            return VerificationReport.broken(stream, checked, last, last + 1,
                    "missing: the head says the stream ends at seq " + head.seq());
        }
        if (head != null && head.seq() == last && last > from.seq() && !head.hash().equals(prevHash)) {
            return VerificationReport.broken(stream, checked, last - 1, last,
                    "the last event's hash is not the head's");
        }
        return VerificationReport.intact(stream, checked, last);
    }
}
