package dev.esl.gateway.daemon;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The gateway daemon's settings (YAML keys as named here; docs/operations of the gateway in
 * docs/ap-gateway.md). Only {@code apSerial} and {@code storeId} have no default. With {@code simulator}
 * set, the daemon runs a simulated dongle in its own process and {@code serialPort} is not used.
 */
public record GatewayConfig(
        String apSerial,
        String storeId,
        Path dataDir,
        String mqttHost,
        int mqttPort,
        String mqttUsername,
        String mqttPassword,
        int sessionExpiryHours,
        int reconnectMaxSeconds,
        int statusIntervalSeconds,
        int telemetryIntervalSeconds,
        String serialPort,
        int baudRate,
        int blockSize,
        int maxAttempts,
        SimulatorConfig simulator) {

    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9_-]{1,16}");

    @JsonCreator
    public GatewayConfig(
            @JsonProperty("apSerial") String apSerial,
            @JsonProperty("storeId") String storeId,
            @JsonProperty("dataDir") Path dataDir,
            @JsonProperty("mqttHost") String mqttHost,
            @JsonProperty("mqttPort") Integer mqttPort,
            @JsonProperty("mqttUsername") String mqttUsername,
            @JsonProperty("mqttPassword") String mqttPassword,
            @JsonProperty("sessionExpiryHours") Integer sessionExpiryHours,
            @JsonProperty("reconnectMaxSeconds") Integer reconnectMaxSeconds,
            @JsonProperty("statusIntervalSeconds") Integer statusIntervalSeconds,
            @JsonProperty("telemetryIntervalSeconds") Integer telemetryIntervalSeconds,
            @JsonProperty("serialPort") String serialPort,
            @JsonProperty("baudRate") Integer baudRate,
            @JsonProperty("blockSize") Integer blockSize,
            @JsonProperty("maxAttempts") Integer maxAttempts,
            @JsonProperty("simulator") SimulatorConfig simulator) {
        this(apSerial, storeId, dataDir == null ? Path.of("data", "gateway") : dataDir,
                mqttHost == null ? "localhost" : mqttHost, or(mqttPort, 1883), mqttUsername, mqttPassword,
                or(sessionExpiryHours, 168), or(reconnectMaxSeconds, 30), or(statusIntervalSeconds, 60),
                or(telemetryIntervalSeconds, 30), serialPort == null ? "/dev/ttyUSB0" : serialPort,
                or(baudRate, 115200), or(blockSize, 480), or(maxAttempts, 3), simulator);
    }

    /** Settings for a real dongle on {@code serialPort}; nulls take the defaults. */
    public GatewayConfig(String apSerial, String storeId, Path dataDir, String mqttHost, Integer mqttPort,
            String mqttUsername, String mqttPassword, Integer sessionExpiryHours, Integer reconnectMaxSeconds,
            Integer statusIntervalSeconds, Integer telemetryIntervalSeconds, String serialPort, Integer baudRate,
            Integer blockSize, Integer maxAttempts) {
        this(apSerial, storeId, dataDir, mqttHost, mqttPort, mqttUsername, mqttPassword, sessionExpiryHours,
                reconnectMaxSeconds, statusIntervalSeconds, telemetryIntervalSeconds, serialPort, baudRate, blockSize,
                maxAttempts, null);
    }

    public GatewayConfig {
        require(apSerial != null && SERIAL.matcher(apSerial).matches(),
                "apSerial must be 1 to 16 letters, digits, '-' or '_', was " + apSerial);
        require(storeId != null && SERIAL.matcher(storeId).matches(),
                "storeId must be 1 to 16 letters, digits, '-' or '_', was " + storeId);
        require(mqttPort > 0 && mqttPort < 65536, "mqttPort must be 1 to 65535, was " + mqttPort);
        require(baudRate >= 1200, "baudRate must be at least 1200, was " + baudRate);
        require(blockSize >= 16 && blockSize <= 1019, "blockSize must be 16 to 1019 bytes, was " + blockSize);
        require(maxAttempts >= 1, "maxAttempts must be at least 1, was " + maxAttempts);
        require(sessionExpiryHours >= 1, "sessionExpiryHours must be at least 1, was " + sessionExpiryHours);
        require(statusIntervalSeconds >= 1 && telemetryIntervalSeconds >= 1 && reconnectMaxSeconds >= 1,
                "intervals must be at least 1 second");
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
