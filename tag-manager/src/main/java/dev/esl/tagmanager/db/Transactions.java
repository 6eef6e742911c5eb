package dev.esl.tagmanager.db;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction, again when the database chose it as a deadlock victim or a lock wait timed out:
 * InnoDB expects the application to retry such transactions, and check-ins, results and bulk edits touch the same
 * rows concurrently.
 */
@Component
public class Transactions {
    private static final Logger log = LoggerFactory.getLogger(Transactions.class);
    private static final int ATTEMPTS = 5;

    private final TransactionTemplate template;

    Transactions(TransactionTemplate template) {
        this.template = template;
    }

    public <T> T retrying(String what, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return template.execute(status -> work.get());
            } catch (PessimisticLockingFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.info("{}: lock conflict ({}), attempt {} of {}", what, e.getMostSpecificCause().getMessage(),
                        attempt + 1, ATTEMPTS);
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L << attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public void retrying(String what, Runnable work) {
        retrying(what, () -> {
            work.run();
            return null;
        });
    }
}
