package io.postureaudit.scan;

/** Says what went wrong in words an operator can act on, without library class names or SQL. */
final class ScanErrors {

    private ScanErrors() {
    }

    /** The innermost message, e.g. "Connection refused" rather than a chain of wrapper types. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root instanceof java.sql.SQLException || root.getClass().getName().startsWith("org.postgresql")) {
            return "the database could not be reached or refused the write (" + firstLine(message) + ")";
        }
        return firstLine(message);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
