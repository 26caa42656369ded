package io.postureaudit.web;

import java.sql.SQLException;

/**
 * Recognises "the database is not reachable" in a failure's cause chain: a connection that could not be made or
 * was lost (SQLState class 08), a server shutting down or not yet accepting connections (57P01–57P03), or no pooled
 * connection within the acquisition timeout.
 */
final class DatabaseOutage {

    static final String MESSAGE = "the database is not reachable right now; try again shortly";

    private DatabaseOutage() {
    }

    static boolean causedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && outage(sql)) {
                return true;
            }
            if (t instanceof java.net.ConnectException
                    || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean outage(SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
            return true;
        }
        String message = sql.getMessage();
        return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("acquisition timeout");
    }

    /** The innermost cause's message, for the log. */
    static String root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
