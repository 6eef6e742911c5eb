package dev.esl.gateway.daemon;

import dev.esl.gateway.contract.TagTelemetry;
import dev.esl.gateway.dongle.DongleMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Check-ins since the last telemetry report (the newest per tag), and when each tag was last heard. */
final class TelemetryBuffer {
    private final Clock clock;
    private final Map<String, TagTelemetry> sinceLastReport = new LinkedHashMap<>();
    private final Map<String, Instant> lastHeard = new HashMap<>();

    TelemetryBuffer(Clock clock) {
        this.clock = clock;
    }

    synchronized void add(DongleMessage.CheckIn c, DongleMessage.Radio radio) {
        Instant now = clock.instant();
        String tag = c.tag().toString();
        boolean ble = radio == DongleMessage.Radio.BLE;
        sinceLastReport.put(tag, new TagTelemetry(tag, c.batteryMv(), c.temperatureDeciC() / 10.0,
                ble ? c.signal() : null, ble ? null : c.signal(), c.firmware(), c.imageHash(), now,
                c.width(), c.height(), c.colors().name().toLowerCase(java.util.Locale.ROOT)));
        lastHeard.put(tag, now);
    }

    synchronized List<TagTelemetry> drain() {
        List<TagTelemetry> out = new ArrayList<>(sinceLastReport.values());
        sinceLastReport.clear();
        return out;
    }

    synchronized int heardWithin(Duration window) {
        Instant since = clock.instant().minus(window);
        lastHeard.values().removeIf(t -> t.isBefore(since));
        return lastHeard.size();
    }
}
