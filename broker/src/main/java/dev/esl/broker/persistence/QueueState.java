package dev.esl.broker.persistence;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** In-memory bookkeeping of one client's queue in {@link RocksSessionStore}; guarded by its own monitor. */
final class QueueState {
    /** Size of every queued entry (not in flight) by sequence: the count, and whether an entry is queued. */
    final Map<Long, Integer> sizes = new HashMap<>();
    long bytes;
    /** No queued entry on disk has a lower sequence: where a peek starts reading. */
    long cursor = Long.MAX_VALUE;
    /** QoS 1 deliveries in flight, still in the queue on disk (or about to be), by packet ID. */
    final Map<Integer, Long> heldByPacketId = new HashMap<>();
    /**
     * Sequences a peek of the disk must skip: deliveries in flight, and entries acknowledged or dropped whose
     * delete is not yet written.
     */
    final Set<Long> heldSequences = new HashSet<>();
    /** Queued entries held in memory, not yet written (see {@link WriteBehind}), by sequence. */
    final TreeMap<Long, Unwritten> unwritten = new TreeMap<>();
    /** Entries held in memory that are in flight, by sequence. */
    final Map<Long, Unwritten> unwrittenInFlight = new HashMap<>();
    /** Its session is being deleted: nothing may be held here any more (see {@link WriteBehind#hold}). */
    boolean deleted;

    void queued(long seq, int size) {
        if (sizes.put(seq, size) == null) {
            bytes += size;
        }
    }

    /** @return the entry's size, or -1 if it was not queued */
    int dequeued(long seq) {
        Integer size = sizes.remove(seq);
        if (size == null) {
            return -1;
        }
        bytes -= size;
        return size;
    }

    /** Whether some queued entry may be on disk; if not, a peek need not read it. */
    boolean mayHaveQueuedOnDisk() {
        return sizes.size() > unwritten.size();
    }
}
