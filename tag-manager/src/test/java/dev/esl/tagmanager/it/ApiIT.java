package dev.esl.tagmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The REST API over real HTTP on the real application: CRUD of products, chains, APs and tags, and every kind of
 * refusal with its answer.
 */
class ApiIT {
    private static TagManagerFixture fixture;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        fixture = TagManagerFixture.start(Map.of());
        api = fixture.api;
        api.createStore("s1");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void productsAreCreatedReadUpdatedAndDeleted() {
        Map<String, Object> milk = product("MILK-1", "Whole milk 1 l", "1.29");
        assertThat(api.post("/api/v1/products", milk).status()).isEqualTo(201);
        assertThat(api.get("/api/v1/products/MILK-1").ok().get("name").asString()).isEqualTo("Whole milk 1 l");
        milk.put("name", "Organic whole milk 1 l");
        assertThat(api.put("/api/v1/products/MILK-1", milk).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/products/MILK-1").ok().get("name").asString()).isEqualTo("Organic whole milk 1 l");
        assertThat(api.delete("/api/v1/products/MILK-1").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/products/MILK-1").status()).isEqualTo(404);
    }

    @Test
    void chainsAreUpdatedAndOnlyEmptyOnesDeleted() {
        api.post("/api/v1/chains", Map.of("id", "ch-up", "name", "Corner Shops")).ok();
        assertThat(api.put("/api/v1/chains/ch-up", Map.of("id", "ch-up", "name", "Corner Shops Ltd")).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/chains/ch-up").ok().get("name").asString()).isEqualTo("Corner Shops Ltd");
        Api.Response blank = api.put("/api/v1/chains/ch-up", Map.of("id", "ch up", "name", ""));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(fields(blank.body())).containsKeys("id", "name");
        assertThat(fields(api.put("/api/v1/chains/ch-up", Map.of("id", "other", "name", "X")).body())).containsKey("id");
        assertThat(api.put("/api/v1/chains/nope", Map.of("id", "nope", "name", "X")).status()).isEqualTo(404);

        api.post("/api/v1/stores", Map.of("id", "ch-up-1", "chainId", "ch-up", "name", "Corner 1", "currency", "EUR")).ok();
        Api.Response inUse = api.delete("/api/v1/chains/ch-up");
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.body().get("message").asString()).contains("still has 1 stores");
        assertThat(api.delete("/api/v1/stores/ch-up-1").status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/chains/ch-up").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/chains/ch-up").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/chains/ch-up").status()).isEqualTo(404);
    }

    @Test
    void apsAreMovedToAnotherStore() {
        api.createStore("ap-from");
        api.createStore("ap-to");
        api.post("/api/v1/aps", Map.of("serial", "AP-MOVE", "storeId", "ap-from")).ok();
        JsonNode moved = api.put("/api/v1/aps/AP-MOVE", Map.of("serial", "AP-MOVE", "storeId", "ap-to")).ok();
        assertThat(moved.get("storeId").asString()).isEqualTo("ap-to");
        assertThat(moved.get("state").asString()).isEqualTo("unknown");
        assertThat(api.get("/api/v1/aps/AP-MOVE").ok().get("storeId").asString()).isEqualTo("ap-to");
        assertThat(texts(api.get("/api/v1/stores/ap-to/aps").ok(), "serial")).containsExactly("AP-MOVE");
        assertThat(api.get("/api/v1/stores/ap-from/aps").ok()).isEmpty();

        Api.Response badStore = api.put("/api/v1/aps/AP-MOVE", Map.of("serial", "AP-MOVE", "storeId", "nope"));
        assertThat(badStore.status()).isEqualTo(400);
        assertThat(fields(badStore.body())).containsOnlyKeys("storeId");
        Api.Response invalid = api.put("/api/v1/aps/AP-MOVE", Map.of("serial", "AP MOVE!", "storeId", ""));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(fields(invalid.body())).containsKeys("serial", "storeId");
        assertThat(fields(api.put("/api/v1/aps/AP-MOVE", Map.of("serial", "AP-OTHER", "storeId", "ap-to")).body()))
                .containsOnlyKeys("serial");
        assertThat(api.put("/api/v1/aps/AP-NONE", Map.of("serial", "AP-NONE", "storeId", "ap-to")).status())
                .isEqualTo(404);
    }

    @Test
    void tagsAreMovedAndTheirPanelCorrectedKeepingTheirProduct() {
        api.createStore("tag-to");
        api.post("/api/v1/products", product("UPD-1", "Oat drink 1 l", "1.99")).ok();
        api.post("/api/v1/tags", Map.of("id", "0A1B00000000FF10", "storeId", "s1", "width", 250, "height", 122,
                "colors", "bw")).ok();
        api.put("/api/v1/tags/0A1B00000000FF10/product", Map.of("sku", "UPD-1")).ok();
        JsonNode updated = api.put("/api/v1/tags/0a1b00000000ff10", Map.of("id", "0a1b00000000ff10", "storeId", "tag-to",
                "width", 296, "height", 128, "colors", "bwr")).ok();
        assertThat(updated.get("storeId").asString()).isEqualTo("tag-to");
        JsonNode tag = api.get("/api/v1/tags/0A1B00000000FF10").ok();
        assertThat(tag.get("width").asInt()).isEqualTo(296);
        assertThat(tag.get("height").asInt()).isEqualTo(128);
        assertThat(tag.get("colors").asString()).isEqualTo("bwr");
        assertThat(tag.get("sku").asString()).isEqualTo("UPD-1");
        assertThat(texts(api.get("/api/v1/stores/tag-to/tags").ok(), "id")).containsExactly("0A1B00000000FF10");

        Api.Response invalid = api.put("/api/v1/tags/0A1B00000000FF10", Map.of("id", "0A1B00000000FF10",
                "storeId", "tag-to", "width", 0, "height", 128, "colors", "rgb"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(fields(invalid.body())).containsOnlyKeys("width", "colors");
        Api.Response badStore = api.put("/api/v1/tags/0A1B00000000FF10", Map.of("id", "0A1B00000000FF10",
                "storeId", "nope", "width", 296, "height", 128, "colors", "bwr"));
        assertThat(fields(badStore.body())).containsOnlyKeys("storeId");
        assertThat(fields(api.put("/api/v1/tags/0A1B00000000FF10", Map.of("id", "0A1B00000000FF11", "storeId", "s1",
                "width", 296, "height", 128, "colors", "bwr")).body())).containsOnlyKeys("id");
        assertThat(api.put("/api/v1/tags/0A1B0000000FFFFF", Map.of("id", "0A1B0000000FFFFF", "storeId", "s1",
                "width", 296, "height", 128, "colors", "bwr")).status()).isEqualTo(404);
    }

    @Test
    void invalidFieldsAreEachNamedInA400() {
        Api.Response r = api.post("/api/v1/products", Map.of("sku", "bad sku!", "name", "", "price", "-1"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(fields(r.body())).containsKeys("sku", "name", "price");
        assertThat(fields(r.body()).get("price")).isEqualTo("must not be negative");
        Api.Response badQuery = api.get("/api/v1/products?limit=0");
        assertThat(badQuery.status()).isEqualTo(400);
        assertThat(fields(badQuery.body())).containsOnlyKeys("limit");
        assertThat(api.post("/api/v1/bindings", List.of()).status()).as("an empty list of bindings").isEqualTo(400);
    }

    @Test
    void aBarcodeATagCannotShowIsRefused() {
        Map<String, Object> p = product("BAD-EAN", "Butter", "2.10");
        p.put("barcode", "4006381333932"); // check digit should be 1
        Api.Response r = api.post("/api/v1/products", p);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("message").asString()).contains("4006381333932");
    }

    @Test
    void unknownIdsAre404AndDuplicatesAre409() {
        assertThat(api.get("/api/v1/stores/nope").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tasks/999999").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tags/00000000000000AA").status()).isEqualTo(404);
        Api.Response dup = api.post("/api/v1/chains", Map.of("id", "acme", "name", "Again"));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.body().get("message").asString()).contains("already exists");
    }

    @Test
    void aProductStillOnATagCannotBeDeleted() {
        api.post("/api/v1/products", product("TEA-1", "Green tea", "3.49")).ok();
        api.post("/api/v1/tags", Map.of("id", "0a1b00000000ff01", "storeId", "s1", "width", 250, "height", 122,
                "colors", "bw")).ok();
        assertThat(api.put("/api/v1/tags/0A1B00000000FF01/product", Map.of("sku", "TEA-1")).ok().get("sku").asString())
                .isEqualTo("TEA-1");
        assertThat(api.delete("/api/v1/products/TEA-1").status()).isEqualTo(409);
    }

    @Test
    void previewsArePngsOfThePanelsSize() throws Exception {
        Map<String, Object> p = product("JAM-1", "Strawberry jam 370 g", "2.79");
        p.put("barcode", "4006381333931");
        api.post("/api/v1/products", p).ok();
        api.post("/api/v1/tags", Map.of("id", "0A1B00000000FF02", "storeId", "s1", "width", 400, "height", 300,
                "colors", "bwr")).ok();
        api.put("/api/v1/tags/0A1B00000000FF02/product", Map.of("sku", "JAM-1")).ok();
        java.awt.image.BufferedImage tag = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                api.getBytes("/api/v1/tags/0A1B00000000FF02/preview.png")));
        assertThat(tag.getWidth()).isEqualTo(400);
        assertThat(tag.getHeight()).isEqualTo(300);
        java.awt.image.BufferedImage small = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                api.getBytes("/api/v1/products/JAM-1/preview.png?width=250&height=122&colors=bw")));
        assertThat(small.getWidth()).isEqualTo(250);
        assertThat(api.get("/api/v1/products/JAM-1/preview.png?colors=pink").status()).isEqualTo(400);
    }

    @Test
    void aCsvWithBadRowsReportsEachByLineAndAppliesTheGoodOnes() {
        api.post("/api/v1/products", product("CSV-1", "Apples 1 kg", "2.00")).ok();
        api.post("/api/v1/products", product("CSV-2", "Pears 1 kg", "2.50")).ok();
        api.post("/api/v1/products", product("CSV-3", "Plums 1 kg", "3.00")).ok();
        String csv = """
                sku,price,unitPrice,promo
                CSV-1,2.20,,
                CSV-2,abc,,
                NOPE-9,1.00,,
                CSV-3,3.10,,-10%
                CSV-1,2.30,,
                ,1.00,,
                CSV-2,-1,,
                """;
        Api.Response r = api.postCsv("/api/v1/price-changes", csv);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().get("rowsApplied").asInt()).isEqualTo(2);
        Map<Integer, String> rejected = new java.util.TreeMap<>();
        r.body().get("rejected").forEach(e -> rejected.put(e.get("row").asInt(), e.get("problems").toString()));
        assertThat(rejected.keySet()).containsExactly(3, 4, 6, 7, 8);
        assertThat(rejected.get(3)).contains("price: not a number: 'abc'");
        assertThat(rejected.get(4)).contains("product NOPE-9 does not exist");
        assertThat(rejected.get(6)).contains("already changed in row 2");
        assertThat(rejected.get(7)).contains("sku");
        assertThat(rejected.get(8)).contains("must not be negative");
        assertThat(api.get("/api/v1/products/CSV-1").ok().get("price").decimalValue()).isEqualByComparingTo("2.20");
        assertThat(api.get("/api/v1/products/CSV-2").ok().get("price").decimalValue()).isEqualByComparingTo("2.50");
        assertThat(api.get("/api/v1/products/CSV-3").ok().get("promo").asString()).isEqualTo("-10%");
        JsonNode prices = api.get("/api/v1/tasks/" + r.body().get("taskId").asLong() + "/prices").ok();
        assertThat(texts(prices, "sku")).containsExactly("CSV-1", "CSV-3");
        assertThat(prices.get(0).get("oldPrice").decimalValue()).isEqualByComparingTo("2.00");
    }

    @Test
    void aCsvWithNoGoodRowIsA400NamingEachLine() {
        Api.Response r = api.postCsv("/api/v1/price-changes", "sku,price\nNOPE-1,1.00\nNOPE-2,x\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(fields(r.body())).containsKeys("line 2", "line 3");
        Api.Response noHeader = api.postCsv("/api/v1/price-changes", "sku;price\nA;1\n");
        assertThat(noHeader.status()).isEqualTo(400);
        assertThat(noHeader.body().toString()).contains("no 'sku' column (found [sku;price])");
    }

    @Test
    void malformedJsonIsA400SayingSo() {
        Api.Response r = api.postRaw("/api/v1/products", "application/json", "{\"sku\": ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("message").asString()).startsWith("unreadable request body");
    }

    @Test
    void theOpenApiDocumentIsServed() {
        JsonNode doc = api.get("/v3/api-docs").ok();
        assertThat(doc.get("paths").has("/api/v1/price-changes")).isTrue();
        assertThat(doc.get("components").get("securitySchemes").get("basic").get("scheme").asString())
                .isEqualTo("basic");
        assertThat(doc.get("paths").has("/console/stores/{storeId}")).as("the console is not the API").isFalse();
    }

    static Map<String, Object> product(String sku, String name, String price) {
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("sku", sku);
        p.put("name", name);
        p.put("price", new java.math.BigDecimal(price));
        return p;
    }

    static Map<String, String> fields(JsonNode error) {
        Map<String, String> out = new java.util.HashMap<>();
        for (JsonNode f : error.get("fields")) {
            out.put(f.get("field").asString(), f.get("problem").asString());
        }
        return out;
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asString()));
        return out;
    }
}
