package dev.esl.audit.sink;

import dev.esl.audit.chain.ChainHasher;
import dev.esl.audit.chain.ChainVerifier;
import dev.esl.audit.chain.Link;
import dev.esl.audit.chain.VerificationReport;
import dev.esl.audit.event.AuditEvent;
import dev.esl.audit.event.ChainedEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** The chains as stored: appending under the head row's lock, and reading a stream back page by page to verify it. */
public final class StoredChains {
    private static final int PAGE = 1_000;
    /** Rows per INSERT, and bytes: events can be large (a dispatch batch lists its 200 jobs). */
    private static final int ROWS_PER_INSERT = 500;
    private static final int BYTES_PER_INSERT = 4 << 20;

    private final AuditEventMapper mapper;

    public StoredChains(AuditEventMapper mapper) {
        this.mapper = mapper;
    }

    public List<ChainedEvent> append(String stream, List<AuditEvent> events) {
        mapper.lockHead(stream, ChainHasher.GENESIS);
        Link head = mapper.lockedHead(stream);
        List<ChainedEvent> linked = new ArrayList<>(events.size());
        List<EventRow> rows = new ArrayList<>();
        long bytes = 0;
        for (AuditEvent e : events) {
            ChainedEvent c = ChainHasher.link(stream, head.seq(), head.hash(), e);
            linked.add(c);
            rows.add(EventRow.of(c));
            bytes += 600 + length(e.before()) + length(e.after());
            head = new Link(c.seq(), c.hash());
            if (rows.size() == ROWS_PER_INSERT || bytes > BYTES_PER_INSERT) {
                mapper.insertAll(rows);
                rows.clear();
                bytes = 0;
            }
        }
        if (!rows.isEmpty()) {
            mapper.insertAll(rows);
        }
        mapper.setHead(stream, head.seq(), head.hash());
        return linked;
    }

    public VerificationReport verify(String stream) {
        Link archived = mapper.archivedUpTo(stream);
        Link from = archived == null ? Link.START : archived;
        return ChainVerifier.verify(stream, from, new Pages(stream, from.seq()), mapper.head(stream));
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    /** A stream's events from the database, a page at a time. */
    private final class Pages implements Iterator<ChainedEvent> {
        private final String stream;
        private long after;
        private Iterator<EventRow> page = List.<EventRow>of().iterator();
        private boolean exhausted;

        Pages(String stream, long after) {
            this.stream = stream;
            this.after = after;
        }

        @Override
        public boolean hasNext() {
            if (!page.hasNext() && !exhausted) {
                List<EventRow> rows = mapper.range(stream, after, PAGE);
                exhausted = rows.size() < PAGE;
                page = rows.iterator();
            }
            return page.hasNext();
        }

        @Override
        public ChainedEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            EventRow r = page.next();
            after = r.seq();
            return r.toEvent();
        }
    }
}
