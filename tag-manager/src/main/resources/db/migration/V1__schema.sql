-- The tag manager's schema: MySQL 8 and MariaDB 10.11+. Times are UTC, millisecond precision.

CREATE TABLE chain (
    id          VARCHAR(16)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
);

CREATE TABLE store (
    id          VARCHAR(16)  NOT NULL PRIMARY KEY,
    chain_id    VARCHAR(16)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    currency    CHAR(3)      NOT NULL,
    created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT fk_store_chain FOREIGN KEY (chain_id) REFERENCES chain (id)
);

-- An AP gateway; state/radio/firmware/dongle/tags_heard/pending_jobs come from its retained status message.
CREATE TABLE ap (
    serial        VARCHAR(16)  NOT NULL PRIMARY KEY,
    store_id      VARCHAR(16)  NOT NULL,
    state         VARCHAR(16)  NOT NULL DEFAULT 'unknown',
    radio         VARCHAR(8),
    firmware      VARCHAR(32),
    dongle        VARCHAR(16),
    tags_heard    INT,
    pending_jobs  INT,
    version       VARCHAR(32),
    status_at     TIMESTAMP(3) NULL,
    last_seen     TIMESTAMP(3) NULL,
    created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT fk_ap_store FOREIGN KEY (store_id) REFERENCES store (id),
    KEY ix_ap_store (store_id)
);

-- A price tag: its model (panel) and what its last check-in said. image_hash is what it shows, as of
-- image_hash_at: a DISPLAYED result or a check-in, whichever is newer (a late check-in does not undo a display).
CREATE TABLE tag (
    id             CHAR(16)     NOT NULL PRIMARY KEY,
    store_id       VARCHAR(16)  NOT NULL,
    width          INT          NOT NULL,
    height         INT          NOT NULL,
    colors         VARCHAR(3)   NOT NULL,
    battery_mv     INT,
    temperature_c  DECIMAL(4, 1),
    rssi           INT,
    lqi            INT,
    firmware       VARCHAR(32),
    image_hash     CHAR(32),
    image_hash_at  TIMESTAMP(3) NULL,
    last_seen      TIMESTAMP(3) NULL,
    last_ap        VARCHAR(16),
    created_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT fk_tag_store FOREIGN KEY (store_id) REFERENCES store (id),
    KEY ix_tag_store (store_id),
    KEY ix_tag_last_seen (last_seen),
    KEY ix_tag_battery (battery_mv)
);

-- Which APs heard a tag, and when: the dispatcher falls back to another AP that heard it.
CREATE TABLE tag_sighting (
    tag_id    CHAR(16)     NOT NULL,
    ap_serial VARCHAR(16)  NOT NULL,
    seen_at   TIMESTAMP(3) NOT NULL,
    signal_strength INT,
    PRIMARY KEY (tag_id, ap_serial)
);

-- Products are chain-wide; a store sees the price of the product.
CREATE TABLE product (
    sku          VARCHAR(32)   NOT NULL PRIMARY KEY,
    name         VARCHAR(200)  NOT NULL,
    price        DECIMAL(12, 2) NOT NULL,
    unit_price   DECIMAL(12, 2),
    unit         VARCHAR(16),
    promo        VARCHAR(64),
    barcode      VARCHAR(64),
    barcode_kind VARCHAR(8)    NOT NULL DEFAULT 'EAN13',
    version      INT           NOT NULL DEFAULT 0,
    updated_at   TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
);

-- One product on each tag; one product on many tags.
CREATE TABLE binding (
    tag_id    CHAR(16)     NOT NULL PRIMARY KEY,
    sku       VARCHAR(32)  NOT NULL,
    bound_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT fk_binding_tag FOREIGN KEY (tag_id) REFERENCES tag (id) ON DELETE CASCADE,
    CONSTRAINT fk_binding_product FOREIGN KEY (sku) REFERENCES product (sku),
    KEY ix_binding_sku (sku)
);

-- Rendered tag images, shared by every job that shows the same content: keyed by the contract's hash.
CREATE TABLE image (
    hash        CHAR(32)     NOT NULL PRIMARY KEY,
    width       INT          NOT NULL,
    height      INT          NOT NULL,
    colors      VARCHAR(3)   NOT NULL,
    data        MEDIUMBLOB   NOT NULL,
    created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
);

-- A task: a price change, an LED flash or a page switch, made of one job per tag.
CREATE TABLE task (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    kind          VARCHAR(16)  NOT NULL,
    description   VARCHAR(500) NOT NULL,
    created_by    VARCHAR(100) NOT NULL,
    trace_id      CHAR(32)     NOT NULL,
    created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    effective_at  TIMESTAMP(3) NOT NULL,
    deadline      TIMESTAMP(3) NOT NULL,
    cancelled_at  TIMESTAMP(3) NULL,
    KEY ix_task_created (created_at)
);

-- A job: one tag's part of a task. state_rank orders the states so a late result never moves a job back.
CREATE TABLE job (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    task_id         BIGINT       NOT NULL,
    tag_id          CHAR(16)     NOT NULL,
    store_id        VARCHAR(16)  NOT NULL,
    action          VARCHAR(8)   NOT NULL,
    image_hash      CHAR(32),
    params          VARCHAR(200),
    state           VARCHAR(16)  NOT NULL,
    state_rank      TINYINT      NOT NULL,
    attempt         INT          NOT NULL DEFAULT 0,
    ap_serial       VARCHAR(16),
    batch_id        VARCHAR(40),
    next_attempt_at TIMESTAMP(3) NOT NULL,
    deadline        TIMESTAMP(3) NOT NULL,
    reason          VARCHAR(200),
    error_code      INT,
    created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    sent_at         TIMESTAMP(3) NULL,
    accepted_at     TIMESTAMP(3) NULL,
    finished_at     TIMESTAMP(3) NULL,
    CONSTRAINT fk_job_task FOREIGN KEY (task_id) REFERENCES task (id),
    KEY ix_job_task_state (task_id, state),
    KEY ix_job_due (state, next_attempt_at),
    KEY ix_job_tag (tag_id)
);

-- The prices a price-change task sets, and what they were: applied to the product when the task takes effect.
CREATE TABLE price_change (
    task_id     BIGINT         NOT NULL,
    sku         VARCHAR(32)    NOT NULL,
    old_price   DECIMAL(12, 2),
    price       DECIMAL(12, 2) NOT NULL,
    unit_price  DECIMAL(12, 2),
    promo       VARCHAR(64),
    applied_at  TIMESTAMP(3)   NULL,
    PRIMARY KEY (task_id, sku),
    CONSTRAINT fk_price_change_task FOREIGN KEY (task_id) REFERENCES task (id),
    KEY ix_price_change_pending (applied_at)
);
