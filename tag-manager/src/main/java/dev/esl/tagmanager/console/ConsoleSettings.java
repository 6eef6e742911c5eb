package dev.esl.tagmanager.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the console calls a problem.
 *
 * @param offlineAfter a tag not heard from for this long is offline
 * @param lowBatteryMv a tag below this voltage needs a new battery
 */
@ConfigurationProperties("esl.console")
public record ConsoleSettings(@DefaultValue("1h") Duration offlineAfter, @DefaultValue("2400") int lowBatteryMv) {
}
