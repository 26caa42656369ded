package io.postureaudit.report;

/** A report request that cannot be met as asked: the message names the field, what was expected and what came. */
public class ReportRequestException extends IllegalArgumentException {

    public ReportRequestException(String message) {
        super(message);
    }
}
