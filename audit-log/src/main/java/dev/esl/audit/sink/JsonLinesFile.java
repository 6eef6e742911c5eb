package dev.esl.audit.sink;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A rolling file of JSON lines written through Logback, for a log shipper (Promtail/Alloy for Loki, Filebeat for
 * Elasticsearch) to pick up: {@code audit.jsonl}, rolled daily and at {@code maxFileSize} into
 * {@code audit-<date>.<n>.jsonl.gz}, {@code maxHistory} days kept. It has a Logback context of its own, so the
 * application's logging configuration (and Spring Boot resetting it) neither changes nor stops it.
 *
 * <p>Logback reports a write error to its status list, not to the caller; here a file that cannot be opened, or a
 * write that failed (the appender then stops), is an {@link IOException}, so the caller keeps the lines and tries
 * again later.
 */
public final class JsonLinesFile implements AutoCloseable {
    private final Path file;
    private final String maxFileSize;
    private final int maxHistory;
    private final LoggerContext context = new LoggerContext();
    private final Logger logger;
    /** Errors Logback reported (a failed append does not stop every appender, so both are watched). */
    private final AtomicInteger errors = new AtomicInteger();
    private volatile String lastError = "unknown error";
    private RollingFileAppender<ILoggingEvent> appender;

    public JsonLinesFile(Path file, String maxFileSize, int maxHistory) {
        this.file = file.toAbsolutePath();
        this.maxFileSize = maxFileSize;
        this.maxHistory = maxHistory;
        context.setName("audit-jsonl");
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.getStatusManager().add((StatusListener) status -> {
            if (status.getLevel() == Status.ERROR) {
                lastError = status.getMessage()
                        + (status.getThrowable() == null ? "" : " (" + status.getThrowable().getMessage() + ")");
                errors.incrementAndGet();
            }
        });
        logger = context.getLogger("audit");
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
    }

    public Path path() {
        return file;
    }

    /** Appends the lines, each followed by a newline, and flushes; throws when any could not be written. */
    public synchronized void write(List<String> lines) throws IOException {
        RollingFileAppender<ILoggingEvent> a = open();
        int errorsBefore = errors.get();
        for (String line : lines) {
            logger.info(line);
            if (!a.isStarted() || errors.get() != errorsBefore) {
                close();
                throw new IOException("writing " + file + " failed: " + lastError);
            }
        }
    }

    private RollingFileAppender<ILoggingEvent> open() throws IOException {
        if (appender != null && appender.isStarted()) {
            return appender;
        }
        close();
        int errorsBefore = errors.get();
        String base = file.toString().replaceFirst("\\.jsonl$", "");
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        RollingFileAppender<ILoggingEvent> a = new RollingFileAppender<>();
        a.setContext(context);
        a.setName("audit-jsonl");
        a.setFile(file.toString());
        a.setEncoder(encoder);
        a.setImmediateFlush(true);
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(a);
        policy.setFileNamePattern(base + "-%d{yyyy-MM-dd}.%i.jsonl.gz");
        policy.setMaxFileSize(FileSize.valueOf(maxFileSize));
        policy.setMaxHistory(maxHistory);
        policy.start();
        a.setRollingPolicy(policy);
        a.start();
        if (!a.isStarted() || errors.get() != errorsBefore) {
            a.stop();
            throw new IOException("cannot open " + file + ": " + lastError);
        }
        logger.addAppender(a);
        appender = a;
        return a;
    }

    @Override
    public synchronized void close() {
        if (appender != null) {
            logger.detachAppender(appender);
            appender.stop();
            appender = null;
        }
    }
}
