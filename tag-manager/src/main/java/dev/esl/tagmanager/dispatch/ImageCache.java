package dev.esl.tagmanager.dispatch;

import dev.esl.tagmanager.task.DueJob;
import dev.esl.tagmanager.task.ImageMapper;
import dev.esl.tagmanager.task.StoredImage;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The images that due jobs show, by content hash, most recently used kept, each with its JSON for a batch. A chain-wide change sends each of its
 * images to every store, store after store, so the cache holds a whole change's images (10,000 of about 1.2 KB for
 * a 5,000-product change with two templates) and a round's missing ones are read in one query: one query per
 * image, with a cache smaller than a store's images, made a claim of 2,000 jobs take 2,000 queries.
 */
final class ImageCache {
    private final ImageMapper images;
    private final Map<String, JobBatchWriter.BatchImage> cache;

    ImageCache(ImageMapper images, int capacity) {
        this.images = images;
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, JobBatchWriter.BatchImage> eldest) {
                return size() > capacity;
            }
        });
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
            images.findAll(missing).forEach(i -> cache.put(i.hash(), JobBatchWriter.BatchImage.of(i)));
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
            cache.put(hash, image);
        }
        return image;
    }
}
