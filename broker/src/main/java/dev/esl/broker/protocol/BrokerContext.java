package dev.esl.broker.protocol;

import dev.esl.broker.config.BrokerConfig;
import dev.esl.broker.naming.NamingRules;
import dev.esl.broker.routing.Router;
import dev.esl.broker.session.Lanes;
import dev.esl.broker.session.SessionRegistry;
import dev.esl.broker.stats.BrokerStats;
import java.time.Clock;

/** The broker's services, as the packet processors need them. */
public record BrokerContext(
        BrokerConfig config,
        NamingRules naming,
        SessionRegistry registry,
        Router router,
        Lanes lanes,
        BrokerStats stats,
        Clock clock) {
}
