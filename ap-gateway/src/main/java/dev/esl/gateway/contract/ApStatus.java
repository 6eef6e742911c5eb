package dev.esl.gateway.contract;

import java.time.Instant;

/**
 * The AP's retained status. The offline status (the AP's last will, written when it connects) carries only
 * the identity, state, version and time: the other fields are null there, and {@code radio}/{@code firmware}
 * are null while no dongle has said HELLO.
 */
public record ApStatus(String storeId, String apSerial, String state, String radio, String firmware, String dongle,
        Integer tags, Integer pendingJobs, String version, Instant at) {

    public static ApStatus offline(String storeId, String apSerial, String version, Instant at) {
        return new ApStatus(storeId, apSerial, "offline", null, null, null, null, null, version, at);
    }
}
