package dev.esl.audit.sink;

import dev.esl.audit.chain.Link;
import dev.esl.audit.query.AuditQuery;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/**
 * The audit tables through MyBatis; the SQL is in {@code AuditEventMapper.xml} beside it. Register it with a MyBatis
 * {@code Configuration} ({@code addMapper}); it runs in whatever transaction the session it is taken from is in.
 * There is no UPDATE or DELETE of an event except {@link #deleteUpTo}, which only retention uses.
 */
public interface AuditEventMapper {

    /** Locks the stream's head row until the transaction ends, creating it at seq 0 the first time. */
    void lockHead(@Param("stream") String stream, @Param("genesis") String genesis);

    /** The head as last committed, for reading (verification). */
    Link head(@Param("stream") String stream);

    /** The head as last committed by anyone, locked: what the next event links to. */
    Link lockedHead(@Param("stream") String stream);

    void setHead(@Param("stream") String stream, @Param("seq") long seq, @Param("hash") String hash);

    void insertAll(@Param("rows") List<EventRow> rows);

    /** Every stream and its head, by name. */
    List<StreamHead> heads();

    /** Events of a stream after {@code afterSeq}, in sequence order. */
    List<EventRow> range(@Param("stream") String stream, @Param("afterSeq") long afterSeq, @Param("limit") int limit);

    List<EventRow> find(@Param("q") AuditQuery query);

    long count(@Param("q") AuditQuery query);

    /** Every event of a trace, in the order they happened (time, then the order they were stored). */
    List<EventRow> trace(@Param("traceId") String traceId, @Param("limit") int limit);

    /** The last archived link of a stream, or null. */
    Link archivedUpTo(@Param("stream") String stream);

    void insertArchive(@Param("stream") String stream, @Param("firstSeq") long firstSeq,
            @Param("lastSeq") long lastSeq, @Param("lastHash") String lastHash, @Param("file") String file,
            @Param("at") Instant at);

    /** The first seq of the stream at or after {@code at}, or null when every event is older. */
    Long firstSeqFrom(@Param("stream") String stream, @Param("at") Instant at);

    int deleteUpTo(@Param("stream") String stream, @Param("seq") long seq);

    /** Locks the export of {@code sink} to one node at a time, until the transaction ends. */
    void lockExport(@Param("sink") String sink);

    /** How far {@code sink} has copied each stream (locking reads: the latest positions, whatever the snapshot). */
    List<StreamHead> exported(@Param("sink") String sink);

    void setExported(@Param("sink") String sink, @Param("stream") String stream, @Param("seq") long seq);

    /** A stream's name and a position in it. */
    record StreamHead(String stream, long seq, String hash) {
    }
}
