package dev.esl.broker;

import dev.esl.broker.config.BrokerConfig;
import dev.esl.broker.config.ConfigLoader;
import dev.esl.broker.persistence.CorruptStoreException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar broker-all.jar --config broker.yml}: runs the broker until SIGTERM or Ctrl-C. */
@Command(name = "esl-broker", mixinStandardHelpOptions = true, version = "esl-broker 0.1.0",
        description = "MQTT 3.1.1/5.0 broker for the ESL platform.")
public final class BrokerMain implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(BrokerMain.class);
    static final int EXIT_BAD_CONFIG = 2;
    static final int EXIT_STORE = 3;

    @Option(names = {"-c", "--config"}, description = "YAML configuration file (defaults and ESL_BROKER_* environment otherwise)")
    Path config;

    @Override
    public Integer call() throws Exception {
        BrokerConfig brokerConfig;
        try {
            brokerConfig = new ConfigLoader(System.getenv()).load(config);
        } catch (java.io.IOException e) {
            log.error("{}", e.getMessage());
            return EXIT_BAD_CONFIG;
        }
        Broker broker;
        try {
            broker = new Broker(brokerConfig).start();
        } catch (CorruptStoreException e) {
            log.error("Cannot start: {}", e.getMessage());
            return EXIT_STORE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }, "broker-shutdown"));
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BrokerMain()).execute(args));
    }
}
