package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.task.DueJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.springframework.stereotype.Component;

/**
 * Picks the AP for each job: the AP that heard the tag last, preferring APs that are online; on a retry, another
 * online AP that heard the tag rather than the one whose attempt failed. A tag no AP has heard yet goes to an
 * online AP of its store.
 */
@Component
class ApChoice {
    private final Sightings sightings;

    ApChoice(Sightings sightings) {
        this.sightings = sightings;
    }

    /** Jobs by the serial of the AP chosen for them; jobs of stores without any AP are under the key null. */
    Map<String, List<DueJob>> choose(List<DueJob> jobs) {
        List<String> tagIds = jobs.stream().map(DueJob::tagId).distinct().toList();
        List<String> storeIds = jobs.stream().map(DueJob::storeId).distinct().toList();
        Map<String, List<Heard>> heard = new HashMap<>();
        for (Heard h : sightings.heard(tagIds)) {
            heard.computeIfAbsent(h.tagId(), k -> new ArrayList<>()).add(h);
        }
        Map<String, List<StoreAp>> byStore = new HashMap<>();
        for (StoreAp a : sightings.aps(storeIds)) {
            byStore.computeIfAbsent(a.storeId(), k -> new ArrayList<>()).add(a);
        }
        Map<String, List<DueJob>> chosen = new HashMap<>();
        for (DueJob job : jobs) {
            String ap = pick(job, heard.getOrDefault(job.tagId(), List.of()), byStore.getOrDefault(job.storeId(), List.of()));
            chosen.computeIfAbsent(ap, k -> new ArrayList<>()).add(job);
        }
        return chosen;
    }

    private static String pick(DueJob job, List<Heard> heard, List<StoreAp> storeAps) {
        String previous = job.attempt() > 1 ? job.apSerial() : null;
        Optional<Heard> best = heard.stream()
                .filter(h -> h.online() && !h.apSerial().equals(previous))
                .max(Comparator.comparing(Heard::seenAt));
        if (best.isPresent()) {
            return best.get().apSerial();
        }
        Optional<Heard> any = heard.stream().max(Comparator.comparing((Heard h) -> h.online()).thenComparing(Heard::seenAt));
        if (any.isPresent()) {
            return any.get().apSerial(); // offline, or the previous one: the broker keeps the batch for it
        }
        return storeAps.stream().filter(StoreAp::online).findFirst()
                .or(() -> storeAps.stream().findFirst())
                .map(StoreAp::serial).orElse(null);
    }

    record Heard(String tagId, String apSerial, Instant seenAt, String state) {
        boolean online() {
            return "online".equals(state);
        }
    }

    record StoreAp(String serial, String storeId, String state) {
        boolean online() {
            return "online".equals(state);
        }
    }

    @Mapper
    interface Sightings {
        @Select("<script>SELECT s.tag_id, s.ap_serial, s.seen_at, a.state FROM tag_sighting s"
                + " JOIN ap a ON a.serial = s.ap_serial WHERE s.tag_id IN"
                + " <foreach item='id' collection='tagIds' open='(' separator=',' close=')'>#{id}</foreach></script>")
        List<Heard> heard(@Param("tagIds") Collection<String> tagIds);

        @Select("<script>SELECT serial, store_id, state FROM ap WHERE store_id IN"
                + " <foreach item='id' collection='storeIds' open='(' separator=',' close=')'>#{id}</foreach>"
                + " ORDER BY serial</script>")
        List<StoreAp> aps(@Param("storeIds") Collection<String> storeIds);
    }
}
