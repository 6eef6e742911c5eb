-- Label templates: what a tag's label shows and how (docs/tag-images.md, Templates). A tag uses its own template,
-- else its store's, else 'default'. 'default' is built in, cannot be changed, and draws the label exactly as
-- before templates existed, so every image (and hash) made under V1 stays valid.
CREATE TABLE template (
    id               VARCHAR(32)  NOT NULL PRIMARY KEY,
    name             VARCHAR(200) NOT NULL,
    show_unit_price  BOOLEAN      NOT NULL,
    show_promo       BOOLEAN      NOT NULL,
    -- PRODUCT (the product's own kind), EAN13 or QR (preferred when the content allows), NONE
    barcode          VARCHAR(8)   NOT NULL,
    -- BAND, INVERTED or OUTLINE (render.PromoStyle)
    promo_style      VARCHAR(8)   NOT NULL,
    -- the panel sizes it applies to, comma-separated ('250x122,296x128'); NULL: every panel
    panels           VARCHAR(200),
    created_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
);

INSERT INTO template (id, name, show_unit_price, show_promo, barcode, promo_style, panels)
VALUES ('default', 'Built-in: everything the product has, promo on a band', TRUE, TRUE, 'PRODUCT', 'BAND', NULL);

-- Assignments. NULL: the store's tags use 'default'; a tag uses its store's template.
ALTER TABLE store ADD COLUMN template_id VARCHAR(32) NULL,
    ADD CONSTRAINT fk_store_template FOREIGN KEY (template_id) REFERENCES template (id);
ALTER TABLE tag ADD COLUMN template_id VARCHAR(32) NULL,
    ADD CONSTRAINT fk_tag_template FOREIGN KEY (template_id) REFERENCES template (id);
