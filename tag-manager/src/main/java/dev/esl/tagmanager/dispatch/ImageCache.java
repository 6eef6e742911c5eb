package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.task.DueJob;
import dev.esl.tagmanager.task.ImageMapper;
import dev.esl.tagmanager.task.StoredImage;
import java.util.Collection;
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

    /** Reads the images of these jobs that are not cached yet, in one query. */
    void load(Collection<DueJob> jobs) {
        Set<String> missing = new LinkedHashSet<>();
        for (DueJob j : jobs) {
            if (j.imageHash() != null && !cache.containsKey(j.imageHash())) {
                missing.add(j.imageHash());
            }
        }
        if (!missing.isEmpty()) {
            images.findAll(missing).forEach(i -> keep(i.hash(), JobBatchWriter.BatchImage.of(i)));
        }
    }

    JobBatchWriter.BatchImage get(String hash) {
        JobBatchWriter.BatchImage image = cache.get(hash);
        if (image == null) {
            StoredImage stored = images.find(hash);
            if (stored == null) {
                throw new IllegalStateException("image " + hash + " is missing from the image table");
            }
            image = JobBatchWriter.BatchImage.of(stored);
            keep(hash, image);
        }
        return image;
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
