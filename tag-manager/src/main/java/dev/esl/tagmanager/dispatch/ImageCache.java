package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.task.DueJob;
import dev.esl.tagmanager.task.ImageMapper;
import dev.esl.tagmanager.task.StoredImage;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The images that due jobs show, by content hash, the most recently read kept, each with its JSON for a batch. A
 * chain-wide change sends each of its images to every store, store after store, so the cache holds a whole change's
 * images (10,000 of about 1.2 KB for a 5,000-product change with two templates) and a round's missing ones are read in
 * one query: one query per image, with a cache smaller than a store's images, made a claim of 2,000 jobs take 2,000
 * queries. Reads take no lock and change nothing (the batch publisher's threads look up a million jobs' images);
 * the oldest entries go first.
 */
final class ImageCache {
    private final ImageMapper images;
    private final int capacity;
    private final Map<String, JobBatchWriter.BatchImage> cache = new ConcurrentHashMap<>();
    private final Queue<String> order = new ConcurrentLinkedQueue<>();

    ImageCache(ImageMapper images, int capacity) {
        this.images = images;
        this.capacity = capacity;
    }

    /**
     * The images these jobs show, by hash: the cached ones, and the rest read in one query and cached. Every image
     * a job names is in the result (a job's image is never deleted while the job is open).
     */
    Map<String, JobBatchWriter.BatchImage> of(Collection<DueJob> jobs) {
        Map<String, JobBatchWriter.BatchImage> shown = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (DueJob j : jobs) {
            String hash = j.imageHash();
            if (hash != null && !shown.containsKey(hash)) {
                JobBatchWriter.BatchImage cached = cache.get(hash);
                if (cached != null) {
                    shown.put(hash, cached);
                } else {
                    missing.add(hash);
                }
            }
        }
        if (!missing.isEmpty()) {
            for (StoredImage stored : images.findAll(missing)) {
                JobBatchWriter.BatchImage image = JobBatchWriter.BatchImage.of(stored);
                keep(stored.hash(), image);
                shown.put(stored.hash(), image);
            }
            for (String hash : missing) {
                if (!shown.containsKey(hash)) {
                    throw new IllegalStateException("image " + hash + " is missing from the image table");
                }
            }
        }
        return shown;
    }

    private void keep(String hash, JobBatchWriter.BatchImage image) {
        if (cache.putIfAbsent(hash, image) == null) {
            order.add(hash);
            while (cache.size() > capacity) {
                String oldest = order.poll();
                if (oldest == null) {
                    break;
                }
                cache.remove(oldest);
            }
        }
    }
}
