package dev.esl.broker.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records what one of the broker's loggers writes while open. */
final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level levelBefore;

    private LogCapture(String loggerName, Level level) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        levelBefore = logger.getLevel();
        if (level != null) {
            logger.setLevel(level);
        }
        appender.start();
        logger.addAppender(appender);
    }

    /** @param loggerName the logger's name, as most of the broker's classes are package-private */
    static LogCapture of(String loggerName) {
        return new LogCapture(loggerName, null);
    }

    /** Captures down to {@code level} (e.g. INFO, which the test configuration hides) while open. */
    static LogCapture of(String loggerName, Level level) {
        return new LogCapture(loggerName, level);
    }

    /** The formatted messages so far, with their level, e.g. {@code WARN Refused ...}. */
    List<String> lines() {
        synchronized (appender) { // AppenderBase appends under this lock
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(levelBefore);
    }
}
