package dev.esl.tagmanager.task;

import dev.esl.tagmanager.product.ProductMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Puts the prices of scheduled price changes on their products when the changes take effect. */
@Component
class PriceActivator {
    private static final Logger log = LoggerFactory.getLogger(PriceActivator.class);

    private final PriceChangeMapper priceChanges;
    private final ProductMapper products;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PriceActivator(PriceChangeMapper priceChanges, ProductMapper products, TransactionTemplate transaction, Clock clock) {
        this.priceChanges = priceChanges;
        this.products = products;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${esl.tasks.activation-interval:1s}", initialDelayString = "1s")
    void activateDue() {
        try {
            Integer n;
            do {
                n = transaction.execute(status -> {
                    Instant now = clock.instant();
                    List<PriceChangeMapper.DuePrice> due = priceChanges.due(now, 500);
                    for (PriceChangeMapper.DuePrice p : due) {
                        products.updatePrice(p.sku(), p.price(), p.unitPrice(), p.promo());
                        priceChanges.applied(p.taskId(), p.sku(), now);
                    }
                    if (!due.isEmpty()) {
                        log.info("{} scheduled prices took effect", due.size());
                    }
                    return due.size();
                });
            } while (n != null && n == 500);
        } catch (RuntimeException e) {
            log.error("Applying scheduled prices failed: {}", e.getMessage(), e);
        }
    }
}
