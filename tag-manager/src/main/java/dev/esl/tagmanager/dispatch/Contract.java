package dev.esl.tagmanager.dispatch;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The MQTT contract's constants (docs/mqtt-contract.md) and the JSON mapper for its messages. */
final class Contract {
    static final int SCHEMA = 1;
    static final String RESULTS = "$share/tagmgr/esl/store/+/ap/+/result";
    static final String TELEMETRY = "$share/tagmgr/esl/store/+/ap/+/telemetry";
    static final String STATUS = "esl/store/+/ap/+/status";

    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // readers ignore fields added later
            .build();

    private Contract() {
    }

    static String inbox(String apSerial) {
        return "esl/p2p/GID_AP@@@" + apSerial;
    }
}
