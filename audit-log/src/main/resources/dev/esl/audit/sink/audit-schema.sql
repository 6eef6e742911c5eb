-- The audit log's tables, MySQL 8 / MariaDB 10.11+ (dev.esl.audit.sink.AuditSchema runs these statements; the tag
-- manager's Flyway migration V4__audit does it there). Times are UTC, millisecond precision.

-- Every event, append-only: the application's database user gets INSERT and SELECT on it, never UPDATE or DELETE
-- (docs/audit.md, Append-only). (stream, seq) is unique: a chain cannot fork even if two writers got past the head.
CREATE TABLE audit_event (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    stream          VARCHAR(40)   NOT NULL,
    seq             BIGINT        NOT NULL,
    schema_version  SMALLINT      NOT NULL,
    at              TIMESTAMP(3)  NOT NULL,
    actor_kind      VARCHAR(12)   NOT NULL,
    actor_id        VARCHAR(100)  NOT NULL,
    action          VARCHAR(64)   NOT NULL,
    target_type     VARCHAR(32)   NOT NULL,
    target_id       VARCHAR(100)  NOT NULL,
    store_id        VARCHAR(16),
    before_json     MEDIUMTEXT,
    after_json      MEDIUMTEXT,
    outcome         VARCHAR(8)    NOT NULL,
    trace_id        VARCHAR(64),
    node            VARCHAR(100)  NOT NULL,
    prev_hash       CHAR(64)      NOT NULL,
    hash            CHAR(64)      NOT NULL,
    UNIQUE KEY ux_audit_stream_seq (stream, seq),
    KEY ix_audit_trace (trace_id),
    KEY ix_audit_actor (actor_id, id),
    KEY ix_audit_action (action, id),
    KEY ix_audit_target (target_type, target_id, id),
    KEY ix_audit_store (store_id, id),
    KEY ix_audit_at (at)
);

-- The last link of each stream. A writer locks its stream's row (INSERT ... ON DUPLICATE KEY UPDATE) just before
-- its transaction commits, so writers on several nodes take turns and every event follows the one committed before.
CREATE TABLE audit_chain_head (
    stream  VARCHAR(40)  NOT NULL PRIMARY KEY,
    seq     BIGINT       NOT NULL,
    hash    CHAR(64)     NOT NULL
);

-- How far each secondary sink (the JSON-lines file) has copied each stream; the row with stream '' is the lock
-- that lets one node at a time export.
CREATE TABLE audit_export (
    sink      VARCHAR(40)  NOT NULL,
    stream    VARCHAR(40)  NOT NULL,
    last_seq  BIGINT       NOT NULL,
    PRIMARY KEY (sink, stream)
);

-- Events moved to archive files by retention: the verifier starts each stream after its last archived link.
CREATE TABLE audit_archive (
    stream       VARCHAR(40)   NOT NULL,
    last_seq     BIGINT        NOT NULL,
    last_hash    CHAR(64)      NOT NULL,
    first_seq    BIGINT        NOT NULL,
    file         VARCHAR(500)  NOT NULL,
    archived_at  TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (stream, last_seq)
);
