package dev.esl.tagmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Sign-in and roles over the REST API: no call without credentials, a clerk of store A reaches nothing of store B
 * (stores, tags, APs, tasks, previews, bindings, price changes of products shown in B), auditors only read, a store
 * manager manages the users of their own store only, and every user change and refused sign-in is audited.
 */
class StoreScopeIT {
    private static final String TAG_A = "00000000000000A1";
    private static final String TAG_B = "00000000000000B1";
    private static TagManagerFixture fx;
    private static Api admin;
    private static Api clerkA;
    private static Api managerA;
    private static Api auditor;

    @BeforeAll
    static void start() throws Exception {
        fx = TagManagerFixture.start(Map.of());
        admin = fx.api;
        admin.createStore("a");
        admin.createStore("b");
        admin.post("/api/v1/aps", Map.of("serial", "ap-b", "storeId", "b")).ok();
        admin.post("/api/v1/products", Map.of("sku", "LOCAL", "name", "Only in A", "price", new BigDecimal("1.00"))).ok();
        admin.post("/api/v1/products", Map.of("sku", "BOTH", "name", "In A and B", "price", new BigDecimal("2.00"))).ok();
        admin.post("/api/v1/tags", Map.of("id", TAG_A, "storeId", "a", "width", 296, "height", 128, "colors", "bwr")).ok();
        admin.post("/api/v1/tags", Map.of("id", TAG_B, "storeId", "b", "width", 296, "height", 128, "colors", "bwr")).ok();
        admin.post("/api/v1/tags", Map.of("id", "00000000000000A2", "storeId", "a", "width", 250, "height", 122,
                "colors", "bw")).ok();
        admin.post("/api/v1/bindings", List.of(Map.of("tagId", TAG_A, "sku", "LOCAL"),
                Map.of("tagId", "00000000000000A2", "sku", "BOTH"), Map.of("tagId", TAG_B, "sku", "BOTH"))).ok();
        user("clerk-a", "CLERK", "a");
        user("manager-a", "STORE_MANAGER", "a");
        user("auditor", "AUDITOR", null);
        clerkA = fx.app.api("clerk-a", "clerk-a-password");
        managerA = fx.app.api("manager-a", "manager-a-password");
        auditor = fx.app.api("auditor", "auditor-password");
    }

    private static void user(String name, String role, String store) {
        var body = new java.util.HashMap<String, Object>(Map.of("username", name, "password", name + "-password",
                "role", role));
        if (store != null) {
            body.put("storeId", store);
        }
        admin.post("/api/v1/users", body).ok();
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void nothingWithoutTheRightPassword() {
        Api nobody = fx.app.api("clerk-a", "wrong-password");
        Api.Response refused = nobody.get("/api/v1/stores");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().get("message").asString()).isEqualTo("wrong user name or password");
        JsonNode failed = admin.get("/api/v1/audit/events?action=user.login&actor=clerk-a").ok();
        assertThat(failed.get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(failed.get("events").get(0).get("outcome").asString()).isEqualTo("FAILURE");
    }

    @Test
    void aClerkOfStoreAReachesNothingOfStoreB() {
        BigDecimal bothBefore = admin.get("/api/v1/products/BOTH").ok().get("price").decimalValue();
        assertThat(clerkA.get("/api/v1/stores").ok().size()).isEqualTo(1);
        assertThat(clerkA.get("/api/v1/stores").ok().get(0).get("id").asString()).isEqualTo("a");
        forbidden(clerkA.get("/api/v1/stores/b"), "store b is not your store (a)");
        forbidden(clerkA.get("/api/v1/stores/b/tags"), "store b");
        forbidden(clerkA.get("/api/v1/stores/b/aps"), "store b");
        forbidden(clerkA.get("/api/v1/stores/b/tags/health/failing"), "store b");
        forbidden(clerkA.get("/api/v1/tags/" + TAG_B), "store b");
        forbidden(clerkA.get("/api/v1/tags/" + TAG_B + "/template"), "store b");
        forbidden(clerkA.get("/api/v1/aps/ap-b"), "store b");
        forbidden(clerkA.put("/api/v1/tags/" + TAG_B + "/product", Map.of("sku", "LOCAL")), "store b");
        forbidden(clerkA.post("/api/v1/bindings", List.of(Map.of("tagId", TAG_B, "sku", "LOCAL"))), "store b");
        forbidden(clerkA.post("/api/v1/led-flashes", Map.of("tags", List.of(TAG_B),
                "led", Map.of("color", "red", "pattern", "blink", "count", 1, "durationMs", 1000))), "store b");
        forbidden(clerkA.post("/api/v1/image-refreshes", Map.of("storeId", "b")), "store b");
        forbidden(clerkA.post("/api/v1/price-changes", Map.of("rows", List.of(Map.of("sku", "BOTH", "price", 2.5)))),
                "also on tags of store b");
        assertThat(clerkA.getStatus("/api/v1/tags/" + TAG_B + "/preview.png")).isEqualTo(403);
        assertThat(admin.get("/api/v1/tags/" + TAG_B).ok().get("sku").asString()).as("unchanged").isEqualTo("BOTH");
        assertThat(admin.get("/api/v1/products/BOTH").ok().get("price").decimalValue())
                .isEqualByComparingTo(bothBefore);

        // A chain-wide task is out of reach; the clerk's own store's task is not.
        JsonNode chainWide = admin.post("/api/v1/image-refreshes", Map.of("tags", List.of(TAG_A, TAG_B))).ok();
        forbidden(clerkA.get("/api/v1/tasks/" + chainWide.get("taskId").asLong()), "store b");
        forbidden(clerkA.get("/api/v1/tasks/" + chainWide.get("taskId").asLong() + "/jobs"), "store b");
        JsonNode own = clerkA.post("/api/v1/price-changes", Map.of("rows", List.of(Map.of("sku", "LOCAL", "price", 1.1))))
                .ok();
        long ownTask = own.get("taskId").asLong();
        assertThat(clerkA.get("/api/v1/tasks/" + ownTask).ok().get("jobs").asLong()).isEqualTo(1);
        assertThat(clerkA.get("/api/v1/tasks").ok()).extracting(t -> t.get("id").asLong()).contains(ownTask)
                .doesNotContain(chainWide.get("taskId").asLong());
        assertThat(admin.get("/api/v1/tasks/" + ownTask).ok().get("task").get("createdBy").asString())
                .isEqualTo("clerk-a");
    }

    @Test
    void aClerksPriceChangeIsTheirStoresOwnAndAChainWideOneEndsIt() {
        forbidden(clerkA.post("/api/v1/price-changes", Map.of("storeId", "b", "rows",
                List.of(Map.of("sku", "BOTH", "price", 2.5)))), "store b is not your store (a)");
        BigDecimal chainPrice = admin.get("/api/v1/products/BOTH").ok().get("price").decimalValue();
        JsonNode own = clerkA.post("/api/v1/price-changes", Map.of("storeId", "a", "rows",
                List.of(Map.of("sku", "BOTH", "price", 2.5, "promo", "-25%")))).ok();
        assertThat(own.get("jobs").asLong()).as("store a's tag of BOTH only").isEqualTo(1);
        JsonNode task = clerkA.get("/api/v1/tasks/" + own.get("taskId").asLong()).ok().get("task");
        assertThat(task.get("storeId").asString()).isEqualTo("a");
        JsonNode prices = clerkA.get("/api/v1/stores/a/prices").ok();
        assertThat(prices).extracting(p -> p.get("sku").asString()).containsExactly("BOTH");
        assertThat(prices.get(0).get("price").decimalValue()).isEqualByComparingTo("2.50");
        assertThat(prices.get(0).get("promo").asString()).isEqualTo("-25%");
        assertThat(admin.get("/api/v1/products/BOTH").ok().get("price").decimalValue()).as("the chain's price")
                .isEqualByComparingTo(chainPrice);
        forbidden(clerkA.get("/api/v1/stores/b/prices"), "store b");
        JsonNode created = admin.get("/api/v1/audit/events?action=price-change.create&targetId="
                + own.get("taskId").asLong()).ok().get("events").get(0);
        assertThat(created.get("stream").asString()).isEqualTo("store:a");
        assertThat(created.get("before").get("prices").get(0).get("price").decimalValue())
                .isEqualByComparingTo(chainPrice);

        JsonNode chainWide = admin.post("/api/v1/price-changes", Map.of("rows",
                List.of(Map.of("sku", "BOTH", "price", 3.0)))).ok();
        assertThat(chainWide.get("jobs").asLong()).as("every tag of BOTH, in both stores").isEqualTo(2);
        assertThat(admin.get("/api/v1/stores/a/prices").ok()).as("the chain's new price holds everywhere").isEmpty();
        assertThat(admin.get("/api/v1/products/BOTH").ok().get("price").decimalValue()).isEqualByComparingTo("3.00");
    }

    @Test
    void rolesGateWholeAreas() {
        forbidden(clerkA.post("/api/v1/chains", Map.of("id", "x", "name", "X")), "your role may not POST");
        forbidden(clerkA.put("/api/v1/products/LOCAL", Map.of("sku", "LOCAL", "name", "x", "price", 1)), "your role");
        forbidden(clerkA.get("/api/v1/audit/events"), "your role may not GET /api/v1/audit/events");
        forbidden(clerkA.get("/api/v1/users"), "your role");
        assertThat(auditor.get("/api/v1/audit/events").status()).isEqualTo(200);
        assertThat(auditor.get("/api/v1/stores/b/tags").status()).as("auditors read every store").isEqualTo(200);
        forbidden(auditor.post("/api/v1/price-changes", Map.of("rows", List.of(Map.of("sku", "LOCAL", "price", 1)))),
                "your role may not POST");
    }

    @Test
    void aStoreManagerManagesTheUsersOfTheirStoreOnly() {
        Api.Response created = managerA.post("/api/v1/users", Map.of("username", "clerk-a2", "password",
                "clerk-a2-password", "role", "CLERK", "storeId", "a"));
        assertThat(created.status()).isEqualTo(201);
        forbidden(managerA.post("/api/v1/users", Map.of("username", "clerk-b2", "password", "clerk-b2-password",
                "role", "CLERK", "storeId", "b")), "store b is not your store (a)");
        forbidden(managerA.post("/api/v1/users", Map.of("username", "boss", "password", "boss-password-1",
                "role", "CHAIN_MANAGER")), "clerks and store managers only");
        forbidden(managerA.get("/api/v1/users/auditor"), "not of your store");
        assertThat(managerA.get("/api/v1/users").ok()).extracting(u -> u.get("username").asString())
                .containsExactlyInAnyOrder("clerk-a", "clerk-a2", "manager-a");
        Api.Response bad = managerA.post("/api/v1/users", Map.of("username", "x", "password", "short", "role", "CLERK",
                "storeId", "a"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("fields")).extracting(f -> f.get("field").asString())
                .containsExactlyInAnyOrder("username", "password");
        Api.Response updated = managerA.put("/api/v1/users/clerk-a2", Map.of("username", "clerk-a2", "password",
                "another-password", "role", "CLERK", "storeId", "a", "enabled", false));
        assertThat(updated.ok().get("enabled").asBoolean()).isFalse();
        assertThat(fx.app.api("clerk-a2", "another-password").get("/api/v1/stores").status()).as("disabled")
                .isEqualTo(401);
        JsonNode update = admin.get("/api/v1/audit/events?action=user.update&targetId=clerk-a2").ok();
        assertThat(update.get("total").asLong()).isEqualTo(1);
        assertThat(update.get("events").get(0).get("before").get("enabled").asBoolean()).isTrue();
        assertThat(update.get("events").get(0).get("after").get("user").get("enabled").asBoolean()).isFalse();
        assertThat(update.get("events").get(0).get("after").get("passwordChanged").asBoolean()).isTrue();
        assertThat(managerA.delete("/api/v1/users/clerk-a2").status()).isEqualTo(204);

        JsonNode create = admin.get("/api/v1/audit/events?action=user.create&targetId=clerk-a2").ok().get("events").get(0);
        assertThat(create.get("actor").get("id").asString()).isEqualTo("manager-a");
        assertThat(create.get("after").get("role").asString()).isEqualTo("CLERK");
        assertThat(create.get("after").has("passwordHash")).as("never the hash").isFalse();
        assertThat(create.get("store").asString()).isEqualTo("a");
        JsonNode delete = admin.get("/api/v1/audit/events?action=user.delete&targetId=clerk-a2").ok().get("events").get(0);
        assertThat(delete.get("before").get("username").asString()).isEqualTo("clerk-a2");
    }

    private static void forbidden(Api.Response response, String says) {
        assertThat(response.status()).as("%s", response.body()).isEqualTo(403);
        assertThat(response.body().get("message").asString()).contains(says);
    }
}
