package io.postureaudit.web;

import io.postureaudit.findings.FindingQueries;
import jakarta.ws.rs.QueryParam;

/** The findings list's query parameters, the same on the page, the API and the exports (bookmarkable URLs). */
public class FindingFilters {

    @QueryParam("status")
    String status;
    @QueryParam("severity")
    String severity;
    @QueryParam("account")
    String account;
    @QueryParam("ruleId")
    String ruleId;
    @QueryParam("resourceType")
    String resourceType;
    @QueryParam("service")
    String service;
    @QueryParam("triage")
    String triage;
    @QueryParam("q")
    String text;
    @QueryParam("sort")
    String sort;

    FindingQueries.Filter filter() {
        return filter(blank(status));
    }

    /** With a status decided by the caller (the page defaults to open). */
    FindingQueries.Filter filter(String statusFilter) {
        String accountFilter = blank(account);
        if (accountFilter != null && !accountFilter.matches("\\d{12}")) {
            throw new BadInputException("account: expected a 12-digit AWS account id, found '" + accountFilter + "'");
        }
        return new FindingQueries.Filter(statusFilter, blank(severity), accountFilter, blank(ruleId),
                blank(resourceType), blank(service), blank(triage), blank(text));
    }

    String sort() {
        return blank(sort);
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
