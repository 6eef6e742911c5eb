package dev.esl.tagmanager.dispatch;

import org.springframework.stereotype.Component;

/**
 * Turns for the dispatch workers: a round takes a ticket when it claims its jobs and publishes when the rounds
 * claimed before it have published, so batches leave in claim order (an AP takes the later of two jobs for a tag
 * as the newer content) while choosing APs and writing batches, and marking SENT, overlap between rounds. The batches
 * of a task sent with it ({@link BatchPublisher}) take their turns here too.
 */
@Component
final class PublishOrder {
    private long issued;
    private long turn;

    synchronized long ticket() {
        return issued++;
    }

    /** Waits until every earlier ticket is {@link #done}. */
    synchronized void await(long ticket) {
        boolean interrupted = false;
        while (turn != ticket) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true; // a later round must not publish before this one has had its turn
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized void done(long ticket) {
        turn = ticket + 1;
        notifyAll();
    }
}
