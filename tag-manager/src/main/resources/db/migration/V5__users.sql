-- People and API clients who sign in (docs/console.md, Roles). A store clerk and a store manager belong to one
-- store; a chain manager and an auditor see every store. Passwords are stored as bcrypt hashes only.
CREATE TABLE app_user (
    username       VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash  VARCHAR(100) NOT NULL,
    role           VARCHAR(16)  NOT NULL,
    store_id       VARCHAR(16)  NULL,
    display_name   VARCHAR(100) NOT NULL,
    enabled        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT fk_user_store FOREIGN KEY (store_id) REFERENCES store (id),
    KEY ix_user_store (store_id)
);
