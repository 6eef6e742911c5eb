package dev.esl.tagmanager.dispatch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for the broker's PUBACK of a published batch, as the dispatcher and the task's batches both do. */
final class BrokerAck {
    private static final long TIMEOUT_SECONDS = 30;

    private BrokerAck() {
    }

    /** Null once the broker took the batch; else why not (a failure, no answer within 30 s, an interrupt). */
    static String await(CompletableFuture<Void> ack) {
        try {
            ack.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
        } catch (TimeoutException e) {
            return "no PUBACK within " + TIMEOUT_SECONDS + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
