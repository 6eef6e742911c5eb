package dev.esl.tagmanager.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.esl.broker.Broker;
import dev.esl.gateway.simulator.SimulatorSettings;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

/**
 * The web console in a real browser (headless Chromium) against the real tag manager, broker and a simulated store
 * behind a real AP gateway: a clerk signs in, changes a price and watches the task reach DISPLAYED live, flashes a
 * tag, uploads a CSV with bad rows and reads each row's error, and cannot open anything of another store. Screenshots
 * of each page go to target/console-screenshots (the ones in docs/console/ come from here).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    private static final int TAGS = 24;
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    @TempDir
    static Path dir;
    private static Broker broker;
    private static RunningTagManager app;
    private static SimulatedStore store;
    private static Browser browser;
    private static Api admin;
    private static String base;
    private static String otherStoresTag = "00000000000000B1";
    private static final List<String> milkTags = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        broker = TestBrokers.inMemory();
        app = RunningTagManager.start(TestDatabase.newSchema(), broker.port(), Map.of());
        admin = app.api();
        base = "http://127.0.0.1:" + app.port();
        admin.post("/api/v1/chains", Map.of("id", "demo", "name", "Demo Markets")).ok();
        admin.post("/api/v1/stores", Map.of("id", "store-1", "chainId", "demo", "name", "Riverside", "currency", "EUR"))
                .ok();
        admin.post("/api/v1/stores", Map.of("id", "store-2", "chainId", "demo", "name", "Hilltop", "currency", "EUR"))
                .ok();
        product("MILK-1", "Organic whole milk 1 l", "1.29", Map.of("unitPrice", new BigDecimal("1.29"), "unit", "l",
                "barcode", "4006381333931"));
        product("BREAD-1", "Sourdough bread 750 g", "3.49", Map.of("unitPrice", new BigDecimal("4.65"), "unit", "kg"));
        product("TEA-1", "Green tea 20 bags", "2.79", Map.of("promo", "-10%"));
        product("WINE-1", "Red wine 0.75 l", "8.90", Map.of());
        admin.post("/api/v1/users", Map.of("username", "clara", "password", "clara-clerk-pw", "role", "CLERK",
                "storeId", "store-1", "displayName", "Clara Clerk")).ok();
        admin.post("/api/v1/users", Map.of("username", "mia", "password", "mia-manager-pw", "role", "STORE_MANAGER",
                "storeId", "store-1", "displayName", "Mia Manager")).ok();
        admin.post("/api/v1/users", Map.of("username", "audrey", "password", "audrey-auditor-pw", "role", "AUDITOR",
                "displayName", "Audrey Auditor")).ok();

        SimulatorSettings perAp = SimulatorSettings.defaults().withTags(TAGS).withWakeInterval(Duration.ofSeconds(2))
                .withRadio(Duration.ofMillis(1), 0.0).withDisplayTime(Duration.ofMillis(20));
        store = new SimulatedStore("store-1", 1, perAp, dir, broker.port());
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/api/v1/stores/store-1/tags?limit=1000").ok()
                .size() == TAGS);
        JsonNode tags = admin.get("/api/v1/stores/store-1/tags?limit=1000").ok();
        List<Map<String, String>> bindings = new ArrayList<>();
        String[] skus = {"MILK-1", "BREAD-1", "TEA-1"};
        for (int i = 0; i < tags.size(); i++) {
            String id = tags.get(i).get("id").asString();
            bindings.add(Map.of("tagId", id, "sku", skus[i % 3]));
            if (i % 3 == 0) {
                milkTags.add(id);
            }
        }
        admin.post("/api/v1/bindings", bindings).ok();
        // Store 2 has a tag of its own, showing a product store 1 does not sell.
        admin.post("/api/v1/tags", Map.of("id", otherStoresTag, "storeId", "store-2", "width", 296, "height", 128,
                "colors", "bwr")).ok();
        admin.put("/api/v1/tags/" + otherStoresTag + "/product", Map.of("sku", "WINE-1")).ok();
        // Show every tag its product once, so the dashboard and previews start from a store in order.
        long refresh = admin.post("/api/v1/image-refreshes", Map.of("storeId", "store-1")).ok().get("taskId").asLong();
        await().atMost(Duration.ofSeconds(90)).until(() -> admin.get("/api/v1/tasks/" + refresh).ok().get("done")
                .asBoolean());
        browser = new Browser(Files.createDirectories(dir.resolve("chromium")), SHOTS);
    }

    private static void product(String sku, String name, String price, Map<String, Object> more) {
        var body = new java.util.HashMap<String, Object>(more);
        body.put("sku", sku);
        body.put("name", name);
        body.put("price", new BigDecimal(price));
        admin.post("/api/v1/products", body).ok();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (store != null) {
            store.close();
        }
        if (app != null) {
            app.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void aClerkSignsInToTheirStore() {
        open("/console");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/login");
        browser.screenshot("login");
        signIn("clara", "wrong password");
        assertThat(text(By.cssSelector("[role=alert]"))).contains("Wrong user name or password");
        signIn("clara", "clara-clerk-pw");
        waitForUrl("/console/stores/store-1");
        assertThat(text(By.tagName("h1"))).isEqualTo("Riverside (store-1)");
        assertThat(text(By.id("tags-total"))).isEqualTo(String.valueOf(TAGS));
        assertThat(text(By.id("tags-online"))).isEqualTo(String.valueOf(TAGS));
        assertThat(browser.absent(By.linkText("Stores"))).as("a clerk has no store list").isTrue();
        browser.screenshot("dashboard");
    }

    @Test
    @Order(2)
    void aPriceChangeReachesEveryTagAndTheProgressShowsIt() {
        open("/console/stores/store-1/products?q=MILK");
        browser.screenshot("products");
        WebElement price = browser.driver.findElement(By.id("price-MILK-1"));
        price.clear();
        price.sendKeys("0.99");
        WebElement unit = browser.driver.findElement(By.id("unit-MILK-1"));
        unit.clear();
        unit.sendKeys("0.99");
        browser.driver.findElement(By.cssSelector("#product-MILK-1 button[type=submit]")).click();
        waitForUrl("/console/tasks/");
        assertThat(text(By.id("message"))).contains("Price of MILK-1 changed to 0.99");
        // The bar follows server-sent events; when every job is final the page reloads with the final states.
        browser.waiting(Duration.ofSeconds(90)).until(ExpectedConditions.textToBe(By.id("progress-summary"),
                milkTags.size() + " of " + milkTags.size() + " done"));
        browser.waiting(Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("count-DISPLAYED"),
                String.valueOf(milkTags.size())));
        assertThat(browser.driver.findElement(By.id("task-progress")).getAttribute("aria-valuenow")).isEqualTo("100");
        assertThat(browser.driver.findElements(By.cssSelector("#jobs .state.DISPLAYED"))).hasSize(milkTags.size());
        browser.screenshot("task");
    }

    @Test
    @Order(3)
    void aClerkFlashesATagToFindIt() {
        open("/console/stores/store-1/tags?q=MILK");
        browser.screenshot("tags");
        browser.resize(768, 1024); // a tablet at the shelf, upright: secondary columns give way
        assertThat(browser.driver.findElement(By.cssSelector("#tags th.opt")).isDisplayed()).isTrue();
        browser.resize(600, 900);
        assertThat(browser.driver.findElement(By.cssSelector("#tags th.opt")).isDisplayed()).isFalse();
        browser.screenshot("tags-phone");
        browser.resize(1280, 900);
        browser.driver.findElement(By.linkText(milkTags.get(0))).click();
        WebElement preview = browser.driver.findElement(By.id("preview"));
        browser.waiting(Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", preview)));
        assertThat(preview.getAttribute("alt")).contains("Organic whole milk").contains("0.99");
        browser.screenshot("tag");
        browser.driver.findElement(By.id("flash")).click();
        waitForUrl("/console/tasks/");
        assertThat(text(By.id("message"))).contains("will blink green");
        browser.waiting(Duration.ofSeconds(60)).until(ExpectedConditions.textToBe(By.id("progress-summary"),
                "1 of 1 done"));
        browser.waiting(Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("count-DISPLAYED"), "1"));
        assertThat(store.tags().stream().filter(t -> t.id().toString().equals(milkTags.get(0))).findFirst()
                .orElseThrow().ledFlashes()).as("the tag's LED flashed").isEqualTo(1);
    }

    @Test
    @Order(4)
    void aCsvWithBadRowsAppliesTheGoodOnesAndNamesEachBadRow() throws Exception {
        Path csv = dir.resolve("new-prices.csv");
        Files.writeString(csv, """
                sku,price,unit_price,promo
                BREAD-1,2.99,3.99,
                NOPE-1,1.00,,
                TEA-1,abc,,
                """);
        open("/console/stores/store-1/products");
        browser.driver.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        browser.driver.findElement(By.cssSelector("#csv-form button[type=submit]")).click();
        assertThat(text(By.id("applied"))).contains("1 row applied");
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#rejected tbody tr"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getText()).startsWith("3 NOPE-1").contains("product NOPE-1 does not exist");
        assertThat(rows.get(1).getText()).startsWith("4 TEA-1").contains("price");
        browser.waiting(Duration.ofSeconds(90)).until(d -> d.findElement(By.id("progress-summary")).getText()
                .matches("(\\d+) of \\1 done"));
        browser.screenshot("price-upload");
        JsonNode own = admin.get("/api/v1/stores/store-1/prices").ok();
        assertThat(own).extracting(p -> p.get("sku").asString()).containsExactly("BREAD-1", "MILK-1");
        assertThat(own.get(0).get("price").decimalValue()).as("the store's own price").isEqualByComparingTo("2.99");
        assertThat(admin.get("/api/v1/products/BREAD-1").ok().get("price").decimalValue()).as("the chain's")
                .isEqualByComparingTo("3.49");
        assertThat(admin.get("/api/v1/products/TEA-1").ok().get("price").decimalValue()).isEqualByComparingTo("2.79");
    }

    @Test
    @Order(5)
    void aClerkCannotSeeAnotherStore() {
        for (String path : List.of("/console/stores/store-2", "/console/stores/store-2/tags",
                "/console/stores/store-2/products", "/console/tags/" + otherStoresTag,
                "/console/tags/" + otherStoresTag + "/preview.png", "/console/stores")) {
            open(path);
            if (path.equals("/console/stores")) {
                assertThat(browser.driver.getCurrentUrl()).as("the store list sends a clerk home").endsWith("/store-1");
                continue;
            }
            assertThat(text(By.tagName("h1"))).as(path).isEqualTo("Not allowed");
            assertThat(text(By.cssSelector("[role=alert]"))).as(path).contains("not your store (store-1)");
        }
        browser.screenshot("not-allowed");
        open("/console/stores/store-1/tags?q=WINE");
        assertThat(browser.absent(By.cssSelector("#tags tbody tr"))).as("store 2's tag").isTrue();
        open("/console/audit");
        assertThat(text(By.tagName("h1"))).isEqualTo("Not allowed");
    }

    @Test
    @Order(6)
    void anAuditorFollowsThePriceChangeToTheShelf() {
        open("/console/stores/store-1");
        browser.driver.findElement(By.cssSelector("header form button")).click();
        waitForUrl("/login?signedOut");
        signIn("audrey", "audrey-auditor-pw");
        open("/console/audit?actor=clara");
        List<WebElement> events = browser.driver.findElements(By.cssSelector("#events tbody tr"));
        assertThat(events).extracting(WebElement::getText).anyMatch(t -> t.contains("user.login"))
                .anyMatch(t -> t.contains("task.create") || t.contains("price"));
        browser.screenshot("audit");
        open("/console/stores/store-1/tasks");
        browser.screenshot("tasks");
        browser.driver.findElement(By.partialLinkText("#")).click();
        waitForUrl("/console/tasks/");
        assertThat(browser.absent(By.cssSelector("form button.danger"))).as("auditors only read").isTrue();
        open("/console/stores/store-1/tasks");
        List<WebElement> links = browser.driver.findElements(By.cssSelector("#tasks tbody tr td:first-child a"));
        String milkTask = links.stream().filter(l -> l.findElement(By.xpath("../..")).getText().contains("MILK-1"))
                .findFirst().orElseThrow().getAttribute("href");
        browser.driver.get(milkTask);
        browser.driver.findElement(By.linkText("audit trace")).click();
        waitForUrl("/console/audit/traces/");
        List<WebElement> finals = browser.driver.findElements(By.cssSelector("#final-states .state"));
        assertThat(finals).hasSize(milkTags.size()).allMatch(s -> s.getText().equals("DISPLAYED"));
        browser.screenshot("audit-trace");
    }

    @Test
    @Order(7)
    void aStoreManagerAddsAClerkWhoCanSignIn() {
        signOut();
        signIn("mia", "mia-manager-pw");
        open("/console/users");
        assertThat(browser.driver.findElements(By.cssSelector("#users tbody tr"))).extracting(WebElement::getText)
                .as("the users of store-1 only").noneMatch(t -> t.startsWith("audrey"));
        browser.driver.findElement(By.id("new-username")).sendKeys("carl");
        browser.driver.findElement(By.id("new-name")).sendKeys("Carl Clerk");
        browser.driver.findElement(By.id("new-password")).sendKeys("carl-clerk-pw");
        browser.driver.findElement(By.id("new-store")).sendKeys("store-1");
        browser.driver.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        assertThat(text(By.cssSelector("[role=status]"))).isEqualTo("User carl created.");
        browser.screenshot("users");
        browser.driver.findElement(By.id("pw-carl")).sendKeys("carl-new-password");
        browser.driver.findElement(By.xpath("//input[@id='pw-carl']/following-sibling::button")).click();
        browser.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.cssSelector("[role=status]"),
                "User carl: new password set."));
        signOut();
        signIn("carl", "carl-new-password");
        assertThat(text(By.tagName("h1"))).isEqualTo("Riverside (store-1)");
        JsonNode created = admin.get("/api/v1/audit/events?action=user.create&targetId=carl").ok().get("events").get(0);
        assertThat(created.get("actor").get("id").asString()).isEqualTo("mia");
    }

    private static void signOut() {
        open("/console");
        browser.driver.findElement(By.cssSelector("header form button")).click();
        waitForUrl("/login?signedOut");
    }

    /** Clicks return before the page they lead to has loaded: wait for it rather than read the old one. */
    private static void waitForUrl(String part) {
        browser.waiting(Duration.ofSeconds(30)).until(ExpectedConditions.urlContains(part));
    }

    private static void open(String path) {
        browser.driver.get(base + path);
    }

    private static void signIn(String user, String password) {
        if (!browser.driver.getCurrentUrl().contains("/login")) {
            open("/login");
        }
        browser.driver.findElement(By.id("username")).sendKeys(user);
        browser.driver.findElement(By.id("password")).sendKeys(password);
        browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.waiting(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/login?error")
                || !d.getCurrentUrl().contains("/login"));
    }

    private static String text(By by) {
        return browser.driver.findElement(by).getText();
    }
}
