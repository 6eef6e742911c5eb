-- A store's own price of a product (a local markdown, a store promo), set by a price change for that store only;
-- the product's row keeps the chain's price, shown by every store without one. A chain-wide price change of the
-- product removes the stores' own prices when it takes effect: the chain's new price holds everywhere.
CREATE TABLE store_price (
    store_id    VARCHAR(16)    NOT NULL,
    sku         VARCHAR(32)    NOT NULL,
    price       DECIMAL(12, 2) NOT NULL,
    unit_price  DECIMAL(12, 2),
    promo       VARCHAR(64),
    updated_at  TIMESTAMP(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (store_id, sku),
    CONSTRAINT fk_store_price_store FOREIGN KEY (store_id) REFERENCES store (id) ON DELETE CASCADE,
    CONSTRAINT fk_store_price_product FOREIGN KEY (sku) REFERENCES product (sku) ON DELETE CASCADE,
    KEY ix_store_price_sku (sku)
);

-- The store a price change is for; NULL: the whole chain (the product's own price).
ALTER TABLE task ADD COLUMN store_id VARCHAR(16) NULL;
