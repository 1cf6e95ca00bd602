package dev.junction.web.http;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure means PostgreSQL cannot be reached (down, restarting, the pool timed out waiting for a
 * connection): the client then gets a 503 with {@code Retry-After}, not a 500, since trying again later is right.
 */
final class DatabaseUnavailable {
    static final int RETRY_AFTER_SECONDS = 5;
    static final String MESSAGE = "the database is unavailable right now: try again in a few seconds "
            + "(invokes keep working; their logs are kept until it is back)";

    private DatabaseUnavailable() {}

    /** The connection failure in the cause chain, or null: Hikari's timeout, SQLState class 08, or a server shutting down. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) return t.getMessage();
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return state + " " + sql.getMessage();
                }
            }
        }
        return null;
    }
}
