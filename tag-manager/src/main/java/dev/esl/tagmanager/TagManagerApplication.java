package dev.esl.tagmanager;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The tag manager: products, prices, tags and the price-change tasks that reach them over MQTT. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TagManagerApplication {

    public static void main(String[] args) {
        SpringApplication.run(TagManagerApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
