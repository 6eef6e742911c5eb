package dev.esl.gateway.cli;

import dev.esl.gateway.daemon.Gateway;
import dev.esl.gateway.daemon.GatewayConfig;
import dev.esl.gateway.daemon.GatewayConfigLoader;
import dev.esl.gateway.journal.JournalException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ap-gateway --config gateway.yml}: runs the AP gateway daemon until stopped (SIGTERM, Ctrl-C). */
@Command(name = "ap-gateway", mixinStandardHelpOptions = true, versionProvider = GatewayMain.Version.class,
        description = "AP gateway daemon: MQTT uplink, radio dongle on a serial port (or simulated in-process), "
                + "tag job scheduler.")
public final class GatewayMain implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(GatewayMain.class);

    @Option(names = {"-c", "--config"}, description = "YAML configuration file; ESL_GATEWAY_* environment "
            + "variables override it.")
    Path config;

    @Override
    public Integer call() throws Exception {
        GatewayConfig settings;
        try {
            settings = new GatewayConfigLoader(System.getenv()).load(config);
        } catch (IOException e) {
            System.err.println("ap-gateway: " + e.getMessage());
            return 2;
        }
        Gateway gateway;
        try {
            gateway = new Gateway(settings, Clock.systemUTC()).start();
        } catch (JournalException e) {
            System.err.println("ap-gateway: " + e.getMessage());
            return 3;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            gateway.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new GatewayMain()).execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = GatewayMain.class.getPackage().getImplementationVersion();
            return new String[] {"ap-gateway " + (v == null ? "0.1.0-dev" : v)};
        }
    }
}
