package dev.esl.gateway.simulator;

import dev.esl.gateway.dongle.EslStatus;
import dev.esl.gateway.dongle.TagId;
import java.util.concurrent.atomic.AtomicInteger;

/** One simulated tag: what it shows and how it behaves. Mutated on the dongle's thread only. */
public final class SimulatedTag {
    public static final String BLANK = "00000000000000000000000000000000";
    /**
     * Image slots ("pages") of a tag, as the ESL Service's image indexes: each holds the image last sent to it;
     * from the factory only page 0 holds one, the blank image.
     */
    public static final int PAGES = 4;

    private final TagId id;
    private final Panel panel;
    private final int batteryMv;
    private final int temperatureDeciC;
    private final int signal;
    private final long vanishAtMillis;
    private volatile String imageHash = BLANK;
    private volatile int page;
    private final String[] pageImages = new String[PAGES];
    private final AtomicInteger pageSwitches = new AtomicInteger();
    private final AtomicInteger imagesShown = new AtomicInteger();
    private final AtomicInteger ledFlashes = new AtomicInteger();
    private final AtomicInteger checkIns = new AtomicInteger();
    long awakeUntilMillis;

    SimulatedTag(TagId id, Panel panel, int batteryMv, int temperatureDeciC, int signal, long vanishAtMillis) {
        this.id = id;
        this.panel = panel;
        this.batteryMv = batteryMv;
        this.temperatureDeciC = temperatureDeciC;
        this.signal = signal;
        this.vanishAtMillis = vanishAtMillis;
        this.pageImages[0] = BLANK;
    }

    public TagId id() {
        return id;
    }

    public Panel panel() {
        return panel;
    }

    public int batteryMv() {
        return batteryMv;
    }

    int temperatureDeciC() {
        return temperatureDeciC;
    }

    int signal() {
        return signal;
    }

    /** Below this a tag refuses images and LED flashes (ESL error 0x08). */
    public boolean lowBattery() {
        return batteryMv < 2300;
    }

    public boolean vanished(long nowMillis) {
        return nowMillis >= vanishAtMillis;
    }

    public String imageHash() {
        return imageHash;
    }

    public int page() {
        return page;
    }

    public int imagesShown() {
        return imagesShown.get();
    }

    public int pageSwitches() {
        return pageSwitches.get();
    }

    public int ledFlashes() {
        return ledFlashes.get();
    }

    public int checkIns() {
        return checkIns.get();
    }

    boolean awake(long nowMillis) {
        return nowMillis < awakeUntilMillis && !vanished(nowMillis);
    }

    /** Stores an image in a page and shows it. */
    void show(int toPage, String hash) {
        pageImages[toPage] = hash;
        page = toPage;
        imageHash = hash;
        imagesShown.incrementAndGet();
    }

    /** Why the tag cannot show a page (ESL errors 0x04 and 0x05), or null if it can. */
    static EslStatus pageRefusal(int page) {
        return page >= PAGES ? EslStatus.INVALID_IMAGE_INDEX : null;
    }

    void flash() {
        ledFlashes.incrementAndGet();
    }

    /** Why the tag cannot switch to a page: 0x04 no such page, 0x05 no image in it; null if it can. */
    EslStatus switchRefusal(int newPage) {
        EslStatus refusal = pageRefusal(newPage);
        return refusal != null || pageImages[newPage] != null ? refusal : EslStatus.IMAGE_NOT_AVAILABLE;
    }

    void switchTo(int newPage) {
        page = newPage;
        imageHash = pageImages[newPage];
        pageSwitches.incrementAndGet();
    }

    void checkedIn() {
        checkIns.incrementAndGet();
    }
}
