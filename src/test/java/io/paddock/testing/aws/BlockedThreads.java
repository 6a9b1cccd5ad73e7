package io.paddock.testing.aws;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what Vert.x's blocked-thread checker logs: any record means an event loop (or worker) was held. */
public final class BlockedThreads extends Handler {

    public static final String LOGGER = "io.vertx.core.impl.BlockedThreadChecker";

    private static final BlockedThreads INSTANCE = new BlockedThreads();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    /** Listens from now on (once per JVM; Quarkus keeps the log manager's loggers across restarts). */
    public static BlockedThreads listen() {
        Logger logger = Logger.getLogger(LOGGER);
        for (Handler handler : logger.getHandlers()) {
            if (handler == INSTANCE) {
                return INSTANCE;
            }
        }
        logger.addHandler(INSTANCE);
        return INSTANCE;
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public void clear() {
        warnings.clear();
    }

    @Override
    public void publish(LogRecord record) {
        warnings.add(record.getLevel() + " " + record.getMessage()
                + (record.getThrown() == null ? "" : " " + record.getThrown()));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
