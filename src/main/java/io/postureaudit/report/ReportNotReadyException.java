package io.postureaudit.report;

/** A report asked for in a format while it is still being generated, or after generating it failed. */
public class ReportNotReadyException extends IllegalStateException {

    public ReportNotReadyException(String message) {
        super(message);
    }
}
