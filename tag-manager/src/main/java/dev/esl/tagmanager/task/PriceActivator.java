package dev.esl.tagmanager.task;

import dev.esl.tagmanager.product.Product;
import dev.esl.tagmanager.product.ProductMapper;
import dev.esl.tagmanager.product.ShelfPrices;
import dev.esl.tagmanager.product.StorePriceMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts the prices of scheduled price changes on their products when the changes take effect: a chain-wide change's
 * on the product (and the stores' own prices of it end), a store's change as that store's own price.
 */
@Component
class PriceActivator {
    private static final Logger log = LoggerFactory.getLogger(PriceActivator.class);

    private final PriceChangeMapper priceChanges;
    private final ProductMapper products;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final TaskMapper tasks;
    private final TaskEvents events;
    private final StorePriceMapper storePrices;

    PriceActivator(PriceChangeMapper priceChanges, ProductMapper products, TransactionTemplate transaction, Clock clock,
            TaskMapper tasks, TaskEvents events, StorePriceMapper storePrices) {
        this.storePrices = storePrices;
        this.tasks = tasks;
        this.events = events;
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
                    Map<String, Product> old = new HashMap<>();
                    if (!due.isEmpty()) {
                        products.findAll(due.stream().map(PriceChangeMapper.DuePrice::sku).distinct().toList())
                                .forEach(p -> old.put(p.sku(), p));
                    }
                    ShelfPrices shelf = ShelfPrices.of(storePrices, due.stream().map(PriceChangeMapper.DuePrice::storeId)
                            .filter(java.util.Objects::nonNull).distinct().toList());
                    for (PriceChangeMapper.DuePrice p : due) {
                        if (p.storeId() == null) {
                            products.updatePrice(p.sku(), p.price(), p.unitPrice(), p.promo());
                            storePrices.clear(p.sku());
                        } else {
                            storePrices.put(p.storeId(), p.sku(), p.price(), p.unitPrice(), p.promo());
                        }
                        priceChanges.applied(p.taskId(), p.sku(), now);
                    }
                    audit(due, old, shelf);
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

    /** One event per task whose prices took effect, with the products' prices before and after. */
    private void audit(List<PriceChangeMapper.DuePrice> due, Map<String, Product> old, ShelfPrices shelf) {
        Map<Long, List<PriceChangeMapper.DuePrice>> byTask = new TreeMap<>();
        due.forEach(p -> byTask.computeIfAbsent(p.taskId(), t -> new ArrayList<>()).add(p));
        byTask.forEach((taskId, prices) -> events.pricesApplied(taskId, tasks.traceId(taskId), prices.get(0).storeId(),
                prices.stream().map(p -> {
                    Product o = p.storeId() == null ? old.get(p.sku()) : shelf.in(p.storeId(), old.get(p.sku()));
                    return o == null ? new TaskEvents.Price(p.sku(), null, null, null)
                            : new TaskEvents.Price(p.sku(), o.price(), o.unitPrice(), o.promo());
                }).toList(),
                prices.stream().map(p -> new TaskEvents.Price(p.sku(), p.price(), p.unitPrice(), p.promo())).toList()));
    }
}
