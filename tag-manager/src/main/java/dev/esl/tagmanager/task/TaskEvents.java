package dev.esl.tagmanager.task;

import dev.esl.tagmanager.audit.AuditTrail;
import dev.esl.tagmanager.product.Product;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The audit events of tasks: one per operation, in its transaction, under the task's trace id. A task's jobs are
 * not listed when it is created (a million-job change would make one huge event): they all start PENDING at the
 * task's time, and each job appears by tag in the events that move it (jobs sent, AP results, expiry).
 */
@Component
class TaskEvents {
    private final AuditTrail audit;

    TaskEvents(AuditTrail audit) {
        this.audit = audit;
    }

    /** A product's price fields, before or after. */
    record Price(String sku, BigDecimal price, BigDecimal unitPrice, String promo) {
    }

    record Prices(List<Price> prices) {
    }

    /** What a task is once created. */
    record Created(long taskId, TaskKind kind, String description, String createdBy, Instant effectiveAt,
            Instant deadline, long jobs, Object request, List<Price> prices, int rowsRejected) {
    }

    /** @param store the store whose own prices these are, null for the chain's */
    void priceChange(NewTask task, long jobs, List<PriceChangeMapper.PriceRow> rows, Map<String, Product> old,
            int rejected, String store) {
        List<Price> before = rows.stream().map(r -> {
            Product p = old.get(r.sku());
            return new Price(r.sku(), r.oldPrice(), p.unitPrice(), p.promo());
        }).toList();
        List<Price> after = rows.stream().map(r -> new Price(r.sku(), r.price(), r.unitPrice(), r.promo())).toList();
        audit.change("price-change.create", "task", task.id.toString(), store, task.traceId, new Prices(before),
                created(task, jobs, null, after, rejected));
    }

    /** An LED flash, page switch or image refresh: what was asked and how many jobs it made. */
    void tagAction(NewTask task, long jobs, Object request, String store) {
        String action = switch (task.kind) {
            case LED_FLASH -> "led-flash.create";
            case PAGE_SWITCH -> "page-switch.create";
            case IMAGE_REFRESH -> "image-refresh.create";
            case PRICE_CHANGE -> throw new IllegalArgumentException("a price change records its prices");
        };
        audit.change(action, "task", task.id.toString(), store, task.traceId, null,
                created(task, jobs, request, null, 0));
    }

    record Cancelled(Instant cancelledAt, int jobsCancelled) {
    }

    void cancelled(Task before, Task after, int jobsCancelled) {
        audit.change("task.cancel", "task", Long.toString(before.id()), null, before.traceId(),
                new Cancelled(before.cancelledAt(), 0), new Cancelled(after.cancelledAt(), jobsCancelled));
    }

    /** A scheduled price change's prices put on the products when it took effect (by the system). */
    void pricesApplied(long taskId, String traceId, String store, List<Price> before, List<Price> after) {
        audit.system("price-change.apply", "task", Long.toString(taskId), store, traceId, new Prices(before),
                new Prices(after));
    }

    private static Created created(NewTask task, long jobs, Object request, List<Price> prices, int rejected) {
        return new Created(task.id, task.kind, task.description, task.createdBy, task.effectiveAt, task.deadline, jobs,
                request, prices, rejected);
    }
}
