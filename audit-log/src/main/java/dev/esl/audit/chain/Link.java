package dev.esl.audit.chain;

/** A position in a chain: a sequence number and the hash of the event there (seq 0: before the first event). */
public record Link(long seq, String hash) {
    public static final Link START = new Link(0, ChainHasher.GENESIS);
}
