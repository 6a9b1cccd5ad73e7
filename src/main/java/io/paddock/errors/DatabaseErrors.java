package io.paddock.errors;

import io.vertx.pgclient.PgException;

/** Recognises PostgreSQL's answers that callers turn into client errors. */
public final class DatabaseErrors {

    private static final String UNIQUE_VIOLATION = "23505";

    private DatabaseErrors() {
    }

    /** Whether the failure, or one of its causes, is a unique-constraint violation. */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException cv
                    && UNIQUE_VIOLATION.equals(cv.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
