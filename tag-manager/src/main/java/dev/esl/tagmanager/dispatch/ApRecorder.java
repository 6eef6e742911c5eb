package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.ap.Ap;
import dev.esl.tagmanager.ap.ApMapper;
import dev.esl.tagmanager.store.StoreMapper;
import dev.esl.tagmanager.tag.TagMapper;
import dev.esl.tagmanager.tag.TagTelemetry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import dev.esl.tagmanager.db.Transactions;

/**
 * Records AP status and tag check-ins. An AP or tag of a known store that is not registered yet is added (an AP
 * installed in a store announces itself; a tag learns its panel from its check-in); one of an unknown store is
 * logged and left out.
 */
@Component
class ApRecorder {
    private static final Logger log = LoggerFactory.getLogger(ApRecorder.class);

    private final ApMapper aps;
    private final TagMapper tags;
    private final StoreMapper stores;
    private final Transactions transactions;
    private final DispatchEvents events;

    ApRecorder(ApMapper aps, TagMapper tags, StoreMapper stores, Transactions transactions, DispatchEvents events) {
        this.events = events;
        this.aps = aps;
        this.tags = tags;
        this.stores = stores;
        this.transactions = transactions;
    }

    public void status(Ap status) {
        if (stores.find(status.storeId()).isEmpty()) {
            log.warn("Status of AP {} names store {}, which does not exist: ignored", status.serial(), status.storeId());
            return;
        }
        transactions.retrying("status of AP " + status.serial(), () -> {
            Ap before = aps.find(status.serial()).orElse(null);
            aps.recordStatus(status);
            events.status(before, status);
        });
        log.info("AP {} of store {} is {} (dongle {}, {} tags heard, {} jobs pending)", status.serial(),
                status.storeId(), status.state(), status.dongle(), status.tagsHeard(), status.pendingJobs());
    }

    public void telemetry(List<TagTelemetry> reported) {
        if (reported.isEmpty()) {
            return;
        }
        // In tag order, as bulk bindings lock tags, so the two wait for each other rather than deadlock.
        List<TagTelemetry> checkIns = reported.stream().sorted(java.util.Comparator.comparing(TagTelemetry::tagId)).toList();
        String storeId = checkIns.get(0).storeId();
        if (stores.find(storeId).isEmpty()) {
            log.warn("Telemetry of AP {} names store {}, which does not exist: ignored", checkIns.get(0).apSerial(), storeId);
            return;
        }
        // One tag once per message (its latest check-in), then two multi-row statements for the whole message.
        java.util.Map<String, TagTelemetry> latest = new java.util.TreeMap<>();
        for (TagTelemetry t : checkIns) {
            latest.merge(t.tagId(), t, (a, b) -> a.seenAt().isAfter(b.seenAt()) ? a : b);
        }
        java.util.Map<Boolean, List<TagTelemetry>> byPanel = latest.values().stream().collect(
                java.util.stream.Collectors.partitioningBy(t -> t.width() != null && t.height() != null && t.colors() != null));
        List<TagTelemetry> withPanel = byPanel.get(true);
        List<TagTelemetry> withoutPanel = byPanel.get(false);
        int unknownPanel = transactions.retrying("check-ins from AP " + checkIns.get(0).apSerial(), () -> {
            int unknown = 0;
            List<TagTelemetry> sighted = new java.util.ArrayList<>(withPanel);
            if (!withPanel.isEmpty()) {
                tags.checkInAll(withPanel);
            }
            for (TagTelemetry t : withoutPanel) {
                if (tags.checkInKnown(t) == 0 && tags.find(t.tagId()).isEmpty()) {
                    unknown++;
                } else {
                    sighted.add(t);
                }
            }
            if (!sighted.isEmpty()) {
                tags.sightedAll(sighted);
            }
            return unknown;
        });
        log.debug("{} check-ins from AP {}", checkIns.size(), checkIns.get(0).apSerial());
        if (unknownPanel > 0) {
            log.warn("{} unregistered tags checked in at AP {} without their panel: register them to use them",
                    unknownPanel, checkIns.get(0).apSerial());
        }
    }
}
