package dev.esl.broker.config;

/** Which client-ID and topic naming rules the broker enforces. */
public enum NamingMode {
    /** The seed service's rules: {@code GID_x@@@device} client IDs, registered groups and parent topics. */
    SEED,
    /** Plain MQTT: any client ID and topic the specification allows, for generic devices and tools. */
    PLAIN
}
