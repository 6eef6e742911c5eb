package dev.esl.gateway.simulator;

import dev.esl.gateway.dongle.TagId;
import java.util.concurrent.atomic.AtomicInteger;

/** One simulated tag: what it shows and how it behaves. Mutated on the dongle's thread only. */
public final class SimulatedTag {
    public static final String BLANK = "00000000000000000000000000000000";

    private final TagId id;
    private final Panel panel;
    private final int batteryMv;
    private final int temperatureDeciC;
    private final int signal;
    private final long vanishAtMillis;
    private volatile String imageHash = BLANK;
    private volatile int page;
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

    public int ledFlashes() {
        return ledFlashes.get();
    }

    public int checkIns() {
        return checkIns.get();
    }

    boolean awake(long nowMillis) {
        return nowMillis < awakeUntilMillis && !vanished(nowMillis);
    }

    void show(String hash) {
        imageHash = hash;
        imagesShown.incrementAndGet();
    }

    void flash() {
        ledFlashes.incrementAndGet();
    }

    void switchTo(int newPage) {
        page = newPage;
    }

    void checkedIn() {
        checkIns.incrementAndGet();
    }
}
