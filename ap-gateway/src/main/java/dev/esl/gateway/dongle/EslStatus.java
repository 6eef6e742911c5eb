package dev.esl.gateway.dongle;

/**
 * Status codes of a RESULT: the Bluetooth ESL Service's error codes, plus the dongle's and the gateway's own
 * (0x80 and up), shared with the MQTT contract's {@code errorCode}.
 */
public enum EslStatus {
    DONE(0x00, "done", false),
    UNSPECIFIED(0x01, "unspecified error", true),
    INVALID_OPCODE(0x02, "invalid opcode", false),
    INVALID_STATE(0x03, "invalid state", true),
    INVALID_IMAGE_INDEX(0x04, "invalid image index", false),
    IMAGE_NOT_AVAILABLE(0x05, "image not available", true),
    INVALID_PARAMETERS(0x06, "invalid parameters", false),
    CAPACITY_LIMIT(0x07, "capacity limit", false),
    INSUFFICIENT_BATTERY(0x08, "insufficient battery", true),
    INSUFFICIENT_RESOURCES(0x09, "insufficient resources", true),
    RETRY(0x0A, "retry", true),
    QUEUE_FULL(0x0B, "queue full", true),
    IMPLAUSIBLE_TIME(0x0C, "implausible absolute time", false),
    TAG_UNREACHABLE(0x80, "tag unreachable", true),
    DEADLINE_PASSED(0x81, "deadline passed", false),
    SUPERSEDED(0x82, "superseded", false),
    INVALID_JOB(0x83, "invalid job", false),
    IMAGE_CORRUPT(0x84, "image corrupt", true);

    private final int code;
    private final String reason;
    private final boolean retryable;

    EslStatus(int code, String reason, boolean retryable) {
        this.code = code;
        this.reason = reason;
        this.retryable = retryable;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** Worth another attempt at the tag's next visit; the others fail the job at once. */
    public boolean retryable() {
        return retryable;
    }

    public static EslStatus of(int code) {
        for (EslStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return UNSPECIFIED;
    }

    public static boolean known(int code) {
        for (EslStatus s : values()) {
            if (s.code == code) {
                return true;
            }
        }
        return false;
    }
}
