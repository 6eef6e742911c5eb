package dev.esl.gateway.simulator;

import dev.esl.gateway.dongle.DongleMessage.Radio;
import dev.esl.gateway.serial.JSerialCommLine;
import dev.esl.gateway.serial.PacedLine;
import dev.esl.gateway.serial.PtyPair;
import dev.esl.gateway.serial.SerialLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a simulated dongle and its tags on a serial port or on a pty pair it makes with socat. */
@Command(name = "dongle-simulator", mixinStandardHelpOptions = true, versionProvider = SimulatorMain.Version.class,
        description = "Plays a Bluetooth LE / ZigBee radio dongle and its price tags on a serial line.")
public final class SimulatorMain implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(SimulatorMain.class);

    @CommandLine.ArgGroup(multiplicity = "1")
    Where where;

    static final class Where {
        @Option(names = "--port", description = "Serial device the simulator plays the dongle on.")
        String port;

        @Option(names = "--pty", description = "Make a socat pty pair in this directory: the gateway opens "
                + "<dir>/host, the simulator <dir>/dongle.")
        Path ptyDir;
    }

    @Option(names = "--baud", defaultValue = "115200", description = "Line rate (default: ${DEFAULT-VALUE}).")
    int baud;

    @Option(names = "--no-pace", description = "Do not hold the line to the baud rate (a pty has none).")
    boolean noPace;

    @Option(names = "--tags", defaultValue = "200", description = "Tags (default: ${DEFAULT-VALUE}).")
    int tags;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of tag ids and randomness (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--wake-interval", defaultValue = "10", description = "Seconds between a tag's check-ins (default: ${DEFAULT-VALUE}).")
    int wakeSeconds;

    @Option(names = "--airtime-ms", defaultValue = "5", description = "Radio airtime per image block (default: ${DEFAULT-VALUE}).")
    int airtimeMs;

    @Option(names = "--loss", defaultValue = "0", description = "Share of blocks lost on the radio, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double loss;

    @Option(names = "--low-battery", defaultValue = "0", description = "Share of tags with a low battery (default: ${DEFAULT-VALUE}).")
    double lowBattery;

    @Option(names = "--vanish", defaultValue = "0", description = "Share of tags that disappear (default: ${DEFAULT-VALUE}).")
    double vanish;

    @Option(names = "--radio", defaultValue = "BLE", description = "BLE or ZIGBEE (default: ${DEFAULT-VALUE}).")
    Radio radio;

    @Option(names = "--panels", converter = PanelMixConverter.class, paramLabel = "<panel:share,...>",
            description = "Panels of the tags, as shares of 2.13bw, 2.13bwr, 2.9bw, 2.9bwr, 4.2bw, 4.2bwr, e.g. "
                    + "2.13bw:100,2.9bwr:50,4.2bwr:50 (default: all six alike).")
    PanelMix panels = PanelMix.even();

    @Override
    public Integer call() throws Exception {
        SimulatorSettings settings = settings();
        PtyPair pty = null;
        String path = where.port;
        if (where.ptyDir != null) {
            pty = PtyPair.create(where.ptyDir);
            path = pty.dongleEnd().toString();
            System.out.println("gateway serial port: " + pty.hostEnd());
        }
        String devicePath = path;
        SimulatedDongle dongle = new SimulatedDongle(settings, () -> {
            SerialLine line = JSerialCommLine.open(devicePath, baud);
            return noPace ? line : new PacedLine(line, baud);
        }).start();
        CountDownLatch stop = new CountDownLatch(1);
        PtyPair ptyToClose = pty;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dongle.close();
            if (ptyToClose != null) {
                ptyToClose.close();
            }
            stop.countDown();
        }));
        while (!stop.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
            log.info("simulator: {}", dongle.progress());
        }
        return 0;
    }

    SimulatorSettings settings() {
        SimulatorSettings defaults = SimulatorSettings.defaults();
        return new SimulatorSettings(tags, seed, Duration.ofSeconds(wakeSeconds), defaults.awakeMs(), radio,
                defaults.firmware(), defaults.maxTransfers(), defaults.maxMessage(), Duration.ofMillis(airtimeMs), loss,
                lowBattery, vanish, defaults.displayTime(), panels, defaults.maxTransfers());
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    static final class PanelMixConverter implements CommandLine.ITypeConverter<PanelMix> {
        @Override
        public PanelMix convert(String value) {
            try {
                return PanelMix.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SimulatorMain.class.getPackage().getImplementationVersion();
            return new String[] {"dongle-simulator " + (v == null ? "dev" : v)};
        }
    }
}
