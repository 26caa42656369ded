package io.postureaudit.report;

/** A second Slack post of the same report: each report is posted once. */
public class ReportAlreadyPostedException extends IllegalStateException {

    public ReportAlreadyPostedException(String message) {
        super(message);
    }
}
