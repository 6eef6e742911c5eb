package dev.esl.tagmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import dev.esl.tagmanager.product.Product;
import dev.esl.tagmanager.task.LabelImages;
import dev.esl.tagmanager.template.Template;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Label templates over real HTTP: CRUD and its refusals, assignment to stores and tags, and tags drawn with them. */
class TemplateIT {
    static final String EAN = "4006381333931";

    private static TagManagerFixture fixture;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        fixture = TagManagerFixture.start(Map.of());
        api = fixture.api;
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theBuiltInDefaultIsListedAndCannotBeChangedOrDeleted() {
        JsonNode all = api.get("/api/v1/templates").ok();
        assertThat(ApiIT.texts(all, "id")).contains("default");
        JsonNode builtIn = api.get("/api/v1/templates/default").ok();
        assertThat(Api.JSON.treeToValue(builtIn, Template.class)).isEqualTo(Template.DEFAULT);

        Map<String, Object> changed = template("default", "Mine now");
        assertThat(api.put("/api/v1/templates/default", changed).status()).isEqualTo(409);
        Api.Response delete = api.delete("/api/v1/templates/default");
        assertThat(delete.status()).isEqualTo(409);
        assertThat(delete.body().get("message").asString()).contains("built in");
    }

    @Test
    void templatesAreCreatedReadUpdatedAndDeleted() {
        Map<String, Object> t = template("crud-1", "Shelf edge, no barcode");
        t.put("barcode", "NONE");
        JsonNode created = api.post("/api/v1/templates", t).ok();
        assertThat(created.get("showUnitPrice").asBoolean()).as("left out: the default's").isTrue();
        assertThat(created.get("promoStyle").asString()).isEqualTo("BAND");
        assertThat(api.get("/api/v1/templates/crud-1").ok().get("barcode").asString()).isEqualTo("NONE");
        assertThat(api.post("/api/v1/templates", t).status()).as("duplicate id").isEqualTo(409);

        t.put("promoStyle", "OUTLINE");
        t.put("panels", List.of("250x122", "296x128"));
        assertThat(api.put("/api/v1/templates/crud-1", t).status()).isEqualTo(200);
        JsonNode read = api.get("/api/v1/templates/crud-1").ok();
        assertThat(read.get("promoStyle").asString()).isEqualTo("OUTLINE");
        assertThat(read.get("panels").toString()).isEqualTo("[\"250x122\",\"296x128\"]");
        assertThat(api.put("/api/v1/templates/crud-2", t).status()).as("id differs from the path").isEqualTo(400);

        assertThat(api.delete("/api/v1/templates/crud-1").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/templates/crud-1").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/templates/crud-1").status()).isEqualTo(404);
        assertThat(api.put("/api/v1/templates/crud-1", t).status()).isEqualTo(404);
    }

    @Test
    void invalidTemplateFieldsAreEachNamedInA400() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("id", "no spaces allowed");
        bad.put("name", "");
        bad.put("barcode", "CODE128");
        bad.put("promoStyle", "BLINK");
        bad.put("panels", List.of("296x128", "big"));

        Api.Response r = api.post("/api/v1/templates", bad);

        assertThat(r.status()).isEqualTo(400);
        assertThat(ApiIT.fields(r.body())).containsKeys("id", "name", "barcode", "promoStyle", "panels[1]");
        assertThat(ApiIT.fields(r.body()).get("barcode")).isEqualTo("PRODUCT, EAN13, QR or NONE");
    }

    @Test
    void aTagUsesItsOwnTemplateElseItsStoresElseTheDefault() {
        api.createStore("as1");
        addTag("0A1B0000000A0001", "as1", 296, 128, "bwr");
        api.post("/api/v1/templates", template("as-store", "Store-wide")).ok();
        api.post("/api/v1/templates", template("as-tag", "One tag")).ok();
        Map<String, Object> small = template("as-small", "2.13 only");
        small.put("panels", List.of("250x122"));
        api.post("/api/v1/templates", small).ok();
        String tag = "/api/v1/tags/0a1b0000000a0001/template";

        assertChoice(api.get(tag).ok(), "DEFAULT", "default");
        assertChoice(api.get("/api/v1/stores/as1/template").ok(), "DEFAULT", "default");
        assertChoice(api.put("/api/v1/stores/as1/template", Map.of("templateId", "as-store")).ok(), "STORE", "as-store");
        assertChoice(api.get(tag).ok(), "STORE", "as-store");
        assertChoice(api.put(tag, Map.of("templateId", "as-tag")).ok(), "TAG", "as-tag");
        assertChoice(api.get(tag).ok(), "TAG", "as-tag");

        Api.Response otherPanel = api.put(tag, Map.of("templateId", "as-small"));
        assertThat(otherPanel.status()).isEqualTo(400);
        assertThat(ApiIT.fields(otherPanel.body()).get("templateId")).contains("not for this tag's 296x128");
        Api.Response inUse = api.delete("/api/v1/templates/as-tag");
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.body().get("message").asString()).contains("in use by 0 stores and 1 tags");
        assertThat(api.delete("/api/v1/templates/as-store").status()).isEqualTo(409);

        assertThat(api.delete(tag).status()).isEqualTo(204);
        assertChoice(api.get(tag).ok(), "STORE", "as-store");
        assertThat(api.delete("/api/v1/stores/as1/template").status()).isEqualTo(204);
        assertChoice(api.get(tag).ok(), "DEFAULT", "default");
        assertThat(api.delete("/api/v1/templates/as-tag").status()).as("no longer in use").isEqualTo(204);
    }

    @Test
    void assignmentsNameWhatIsMissing() {
        api.createStore("nm1");
        addTag("0A1B0000000B0001", "nm1", 250, 122, "bw");
        Api.Response unknownTemplate = api.put("/api/v1/stores/nm1/template", Map.of("templateId", "nope"));
        assertThat(unknownTemplate.status()).isEqualTo(400);
        assertThat(ApiIT.fields(unknownTemplate.body())).containsKey("templateId");
        assertThat(api.put("/api/v1/stores/nm1/template", Map.of()).status()).as("no templateId").isEqualTo(400);
        assertThat(api.put("/api/v1/stores/nope/template", Map.of("templateId", "default")).status()).isEqualTo(404);
        assertThat(api.put("/api/v1/tags/0A1B0000000B00FF/template", Map.of("templateId", "default")).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/tags/0A1B0000000B00FF/template").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/stores/nope/template").status()).isEqualTo(404);
    }

    @Test
    void aPriceChangeDrawsEachTagWithItsTemplate() throws Exception {
        api.createStore("pc1");
        api.createStore("pc2");
        Map<String, Object> qr = template("pc-qr", "QR code");
        qr.put("barcode", "QR");
        api.post("/api/v1/templates", qr).ok();
        api.put("/api/v1/stores/pc2/template", Map.of("templateId", "pc-qr")).ok();
        Map<String, Object> product = ApiIT.product("PC-MILK", "Organic whole milk 1 l", "1.29");
        product.put("barcode", EAN);
        api.post("/api/v1/products", product).ok();
        String plain = "0A1B0000000C0001";
        String coded = "0A1B0000000C0002";
        for (String[] t : List.of(new String[] {plain, "pc1"}, new String[] {coded, "pc2"})) {
            addTag(t[0], t[1], 296, 128, "bwr");
            api.put("/api/v1/tags/" + t[0] + "/product", Map.of("sku", "PC-MILK")).ok();
        }

        long task = api.post("/api/v1/price-changes", Map.of("rows", List.of(Map.of("sku", "PC-MILK", "price", new BigDecimal("1.19")))))
                .ok().get("taskId").asLong();

        Product changed = new Product("PC-MILK", "Organic whole milk 1 l", new BigDecimal("1.19"), null, null, null, EAN,
                "EAN13");
        String before = new LabelImages().render(changed, "EUR", 296, 128, "bwr", Template.DEFAULT).hash();
        assertThat(jobHash(task, plain)).as("the default draws what it drew before templates").isEqualTo(before);
        assertThat(jobHash(task, coded)).isNotEqualTo(before);
        assertThat(decode(api.getBytes("/api/v1/tags/" + plain + "/preview.png"), BarcodeFormat.EAN_13).getText())
                .isEqualTo(EAN);
        Result code = decode(api.getBytes("/api/v1/tags/" + coded + "/preview.png"), BarcodeFormat.QR_CODE);
        assertThat(code.getText()).isEqualTo(EAN);
        assertThat(decode(api.getBytes("/api/v1/products/PC-MILK/preview.png?template=pc-qr"), BarcodeFormat.QR_CODE)
                .getText()).as("a template tried on a product before assigning it").isEqualTo(EAN);
        assertThat(api.get("/api/v1/products/PC-MILK/preview.png?template=nope").status()).isEqualTo(400);
    }

    @Test
    void anImageRefreshRedrawsTagsWithTheTemplatesAssignedNow() throws Exception {
        api.createStore("rf1");
        Map<String, Object> none = template("rf-none", "No barcode");
        none.put("barcode", "NONE");
        api.post("/api/v1/templates", none).ok();
        api.post("/api/v1/products", ApiIT.product("RF-TEA", "Green tea", "3.49")).ok();
        Map<String, Object> jam = ApiIT.product("RF-JAM", "Strawberry jam", "2.79");
        jam.put("barcode", EAN);
        api.post("/api/v1/products", jam).ok();
        String first = "0A1B0000000D0001";
        addTag(first, "rf1", 250, 122, "bw");
        api.put("/api/v1/tags/" + first + "/product", Map.of("sku", "RF-JAM")).ok();
        addTag("0A1B0000000D0002", "rf1", 400, 300, "bwr");
        api.put("/api/v1/tags/0A1B0000000D0002/product", Map.of("sku", "RF-TEA")).ok();
        addTag("0A1B0000000D0003", "rf1", 400, 300, "bwr"); // no product: nothing to draw

        JsonNode before = api.post("/api/v1/image-refreshes", Map.of("tags", List.of(first))).ok();
        api.put("/api/v1/tags/" + first + "/template", Map.of("templateId", "rf-none")).ok();
        JsonNode after = api.post("/api/v1/image-refreshes", Map.of("tags", List.of(first))).ok();

        assertThat(after.get("jobs").asLong()).isEqualTo(1);
        assertThat(jobHash(after.get("taskId").asLong(), first))
                .isNotEqualTo(jobHash(before.get("taskId").asLong(), first));
        JsonNode store = api.post("/api/v1/image-refreshes", Map.of("storeId", "rf1")).ok();
        assertThat(store.get("jobs").asLong()).as("the store's bound tags").isEqualTo(2);
        assertThat(api.get("/api/v1/tasks/" + store.get("taskId").asLong()).ok().get("task").get("kind").asString())
                .isEqualTo("IMAGE_REFRESH");
        assertThat(api.post("/api/v1/image-refreshes", Map.of("tags", List.of("0A1B0000000D0003"))).status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/image-refreshes", Map.of("storeId", "nope")).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/image-refreshes", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void theOpenApiDocumentHasTheTemplatesApi() {
        JsonNode paths = api.get("/v3/api-docs").ok().get("paths");
        assertThat(paths.has("/api/v1/templates")).isTrue();
        assertThat(paths.has("/api/v1/templates/{id}")).isTrue();
        assertThat(paths.has("/api/v1/tags/{id}/template")).isTrue();
        assertThat(paths.has("/api/v1/stores/{id}/template")).isTrue();
        assertThat(paths.has("/api/v1/image-refreshes")).isTrue();
    }

    static Map<String, Object> template(String id, String name) {
        Map<String, Object> t = new HashMap<>();
        t.put("id", id);
        t.put("name", name);
        return t;
    }

    private static void addTag(String id, String store, int width, int height, String colors) {
        api.post("/api/v1/tags", Map.of("id", id, "storeId", store, "width", width, "height", height, "colors", colors))
                .ok();
    }

    private static void assertChoice(JsonNode choice, String source, String templateId) {
        assertThat(choice.get("source").asString()).isEqualTo(source);
        assertThat(choice.get("template").get("id").asString()).isEqualTo(templateId);
    }

    private static String jobHash(long taskId, String tagId) throws Exception {
        try (Connection c = fixture.schema.connect();
             PreparedStatement st = c.prepareStatement("SELECT image_hash FROM job WHERE task_id = ? AND tag_id = ?")) {
            st.setLong(1, taskId);
            st.setString(2, tagId);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("a job of task %d for tag %s", taskId, tagId).isTrue();
                return rs.getString(1);
            }
        }
    }

    /** ZXing on the whole preview, the way a scanner app would read the tag. */
    private static Result decode(byte[] png, BarcodeFormat format) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        try {
            return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(format),
                    DecodeHintType.TRY_HARDER, Boolean.TRUE));
        } catch (NotFoundException e) {
            throw new AssertionError("no " + format + " on the preview", e);
        }
    }
}
