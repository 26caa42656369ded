package io.postureaudit.report;

/** No report has the id asked for, or a report has no such format (404 at the web layer). */
public class ReportNotFoundException extends RuntimeException {

    public ReportNotFoundException(String message) {
        super(message);
    }

    public static ReportNotFoundException id(long id) {
        return new ReportNotFoundException("no report with id " + id);
    }
}
