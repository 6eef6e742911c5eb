package dev.esl.tagmanager.it;

import dev.esl.gateway.daemon.Gateway;
import dev.esl.gateway.daemon.GatewayConfig;
import dev.esl.gateway.serial.JSerialCommLine;
import dev.esl.gateway.serial.PtyPair;
import dev.esl.gateway.simulator.SimulatedDongle;
import dev.esl.gateway.simulator.SimulatedTag;
import dev.esl.gateway.simulator.SimulatorSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A store of simulated tags behind real AP gateway daemons: each AP is the real {@link Gateway} (MQTT uplink,
 * journal, scheduler) driving a simulated dongle and its tags over a pty pair made by socat (jSerialComm on both
 * ends, not paced: the line rate is not what these tests measure).
 */
final class SimulatedStore implements AutoCloseable {
    private final List<Gateway> gateways = new ArrayList<>();
    private final List<SimulatedDongle> dongles = new ArrayList<>();
    private final List<PtyPair> ptys = new ArrayList<>();

    SimulatedStore(String storeId, int aps, SimulatorSettings perAp, Path dir, int brokerPort) throws Exception {
        for (int i = 1; i <= aps; i++) {
            String serial = "ap-" + i;
            PtyPair pty = PtyPair.create(dir.resolve("pty-" + serial));
            ptys.add(pty);
            SimulatorSettings settings = new SimulatorSettings(perAp.tags(), i, perAp.wakeInterval(), perAp.awakeMs(),
                    perAp.radio(), perAp.firmware(), perAp.maxTransfers(), perAp.maxMessage(), perAp.blockAirtime(),
                    perAp.blockLossRate(), perAp.lowBatteryFraction(), perAp.vanishFraction(), perAp.displayTime());
            dongles.add(new SimulatedDongle(settings, () -> JSerialCommLine.open(pty.dongleEnd().toString(), 115200))
                    .start());
            GatewayConfig config = new GatewayConfig(serial, storeId, dir.resolve(serial), "127.0.0.1", brokerPort,
                    null, null, null, 2, 1, 1, pty.hostEnd().toString(), 115200, null, null);
            gateways.add(new Gateway(config, () -> JSerialCommLine.open(pty.hostEnd().toString(), 115200),
                    Clock.systemUTC()).start());
        }
    }

    List<SimulatedTag> tags() {
        List<SimulatedTag> all = new ArrayList<>();
        dongles.forEach(d -> all.addAll(d.tags()));
        return all;
    }

    boolean allConnected() {
        return gateways.stream().allMatch(g -> g.connected() && g.dongleUp());
    }

    Gateway gateway(int index) {
        return gateways.get(index);
    }

    @Override
    public void close() {
        gateways.forEach(Gateway::close);
        dongles.forEach(SimulatedDongle::close);
        ptys.forEach(PtyPair::close);
    }
}
