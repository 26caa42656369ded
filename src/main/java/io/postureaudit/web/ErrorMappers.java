package io.postureaudit.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.postureaudit.findings.FindingInputException;
import io.postureaudit.findings.FindingNotFoundException;
import io.postureaudit.findings.FindingStateException;
import io.postureaudit.policy.eval.SimulationInputException;
import io.postureaudit.policy.model.PolicyParseException;
import io.postureaudit.report.ReportAlreadyPostedException;
import io.postureaudit.report.ReportNotReadyException;
import io.postureaudit.report.ReportRequestException;
import io.postureaudit.rules.RuleLoadException;
import io.postureaudit.web.security.DatabaseUnavailableException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place exceptions become answers. Each domain's own exception type has its status (400 bad input, 404
 * unknown id, 409 a real conflict of state, 503 the database down); anything else is a 500 whose details go to the
 * log, never to the client. The API answers {@code {"error": …}}; pages answer an HTML page in the user's language.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    private final ErrorPages pages;

    public ErrorMappers(ErrorPages pages) {
        this.pages = pages;
    }

    // ----- 400: the request is wrong; the message says what was expected, what came and where -----

    @ServerExceptionMapper
    public Response badInput(BadInputException e, UriInfo uri, HttpHeaders headers) {
        return answer(Response.Status.BAD_REQUEST, e.getMessage(), uri, headers);
    }

    @ServerExceptionMapper
    public Response badFindingInput(FindingInputException e, UriInfo uri, HttpHeaders headers) {
        return answer(Response.Status.BAD_REQUEST, e.getMessage(), uri, headers);
    }

    @ServerExceptionMapper
    public Response badReportRequest(ReportRequestException e, UriInfo uri, HttpHeaders headers) {
        return answer(Response.Status.BAD_REQUEST, e.getMessage(), uri, headers);
    }

    @ServerExceptionMapper
    public Response badQuestion(SimulationInputException e, UriInfo uri, HttpHeaders headers) {
        return answer(Response.Status.BAD_REQUEST, e.getMessage(), uri, headers);
    }

    @ServerExceptionMapper
    public Response badPolicy(PolicyParseException e, UriInfo uri, HttpHeaders headers) {
        return answer(Response.Status.BAD_REQUEST, "policy document " + e.getMessage(), uri, headers);
    }

    @ServerExceptionMapper
    public Response badRuleSettings(io.postureaudit.rules.RuleSettingsException e, UriInfo uri, HttpHeaders headers) {
        return answer(Response.Status.BAD_REQUEST, e.getMessage(), uri, headers);
    }

    @ServerExceptionMapper
    public Response badNotifyInput(io.postureaudit.notify.NotifyInputException e, UriInfo uri, HttpHeaders headers) {
        return answer(Response.Status.BAD_REQUEST, e.getMessage(), uri, headers);
    }

    @ServerExceptionMapper
    public Response brokenRule(RuleLoadException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("source", e.source());
        body.put("line", e.line());
        body.put("reason", e.reason());
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    /** A body that is not JSON, or JSON of the wrong shape: where, and what was wrong, in our words. */
    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
        return answer(Response.Status.BAD_REQUEST, JsonErrors.describe(e), uri, headers);
    }

    /** Wins over the JSON library's own mapper for this type, which answers in its own shape and words. */
    @ServerExceptionMapper
    public Response wrongJsonShape(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri,
            HttpHeaders headers) {
        return malformedJson(e, uri, headers);
    }

    // ----- 404 -----

    @ServerExceptionMapper
    public Response unknownFramework(io.postureaudit.rules.UnknownFrameworkException e, UriInfo uri,
            HttpHeaders headers) {
        return answer(Response.Status.NOT_FOUND, e.getMessage(), uri, headers);
    }

    @ServerExceptionMapper
    public Response unknownReport(io.postureaudit.report.ReportNotFoundException e, UriInfo uri, HttpHeaders headers) {
        return answer(Response.Status.NOT_FOUND, e.getMessage(), uri, headers);
    }

    @ServerExceptionMapper
    public Response unknownFinding(FindingNotFoundException e, UriInfo uri, HttpHeaders headers) {
        return answer(Response.Status.NOT_FOUND, e.getMessage(), uri, headers);
    }

    @ServerExceptionMapper
    public Response unknownAccount(io.postureaudit.drift.UnknownAccountException e, UriInfo uri, HttpHeaders headers) {
        return answer(Response.Status.NOT_FOUND, e.getMessage(), uri, headers);
    }

    @ServerExceptionMapper
    public Response unknownOutboxMessage(io.postureaudit.notify.OutboxMessageNotFoundException e, UriInfo uri,
            HttpHeaders headers) {
        return answer(Response.Status.NOT_FOUND, e.getMessage(), uri, headers);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri, HttpHeaders headers) {
        // JAX-RS's own "HTTP 404 Not Found" (no route) says nothing useful; ours name the id.
        String message = e.getMessage() == null || e.getMessage().startsWith("HTTP 404")
                || e.getMessage().startsWith("Unable to find matching") ? "no page or endpoint at " + uri.getPath()
                : e.getMessage();
        return answer(Response.Status.NOT_FOUND, message, uri, headers);
    }

    // ----- 409: the thing exists but is not in a state that allows this -----

    @ServerExceptionMapper
    public Response findingState(FindingStateException e, UriInfo uri, HttpHeaders headers) {
        return answer(Response.Status.CONFLICT, e.getMessage(), uri, headers);
    }

    @ServerExceptionMapper
    public Response outboxState(io.postureaudit.notify.OutboxStateException e, UriInfo uri, HttpHeaders headers) {
        return answer(Response.Status.CONFLICT, e.getMessage(), uri, headers);
    }

    @ServerExceptionMapper
    public Response reportNotReady(ReportNotReadyException e, UriInfo uri, HttpHeaders headers) {
        return answer(Response.Status.CONFLICT, e.getMessage(), uri, headers);
    }

    @ServerExceptionMapper
    public Response reportPosted(ReportAlreadyPostedException e, UriInfo uri, HttpHeaders headers) {
        return answer(Response.Status.CONFLICT, e.getMessage(), uri, headers);
    }

    @ServerExceptionMapper
    public Response nothingToAccept(io.postureaudit.drift.NothingToAcceptException e, UriInfo uri,
            HttpHeaders headers) {
        return answer(Response.Status.CONFLICT, e.getMessage(), uri, headers);
    }

    // ----- 503 / 500 -----

    @ServerExceptionMapper
    public Response unavailable(DatabaseUnavailableException e, UriInfo uri, HttpHeaders headers) {
        LOG.warnf("%s %s: %s", uri.getPath(), e.getMessage(), e.getCause());
        return answer(Response.Status.SERVICE_UNAVAILABLE, e.getMessage(), uri, headers);
    }

    /** JAX-RS's own answers (405, 406, 415 …) keep their status, with our body. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof JsonProcessingException json) {
                return malformedJson(json, uri, headers);
            }
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            return unexpected(e, uri, headers);
        }
        return answer(status, status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT) + ": "
                + uri.getPath(), uri, headers);
    }

    /** Anything else: a 500 with a time to quote to the operators (503 when the database is down); no details out. */
    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri, HttpHeaders headers) {
        if (DatabaseOutage.causedBy(e)) {
            LOG.warnf("%s: the database is not reachable: %s", uri.getPath(), DatabaseOutage.root(e));
            return answer(Response.Status.SERVICE_UNAVAILABLE, DatabaseOutage.MESSAGE, uri, headers);
        }
        String time = java.time.Instant.now().toString();
        LOG.errorf(e, "%s failed (answered 500, reference %s)", uri.getPath(), time);
        String message = "the service could not complete this request; it has been logged (reference " + time + ")";
        if (ErrorPages.wantsHtml(uri, headers)) {
            return pages.serverError(time, headers);
        }
        return error(Response.Status.INTERNAL_SERVER_ERROR, message);
    }

    private Response answer(Response.StatusType status, String message, UriInfo uri, HttpHeaders headers) {
        return ErrorPages.wantsHtml(uri, headers) ? pages.page(status, message, headers) : error(status, message);
    }

    static Response error(Response.StatusType status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }

    /** Position of a JSON problem, "line 3, column 14", or empty when the parser did not say. */
    static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? "" : " at line " + location.getLineNr() + ", column "
                + location.getColumnNr();
    }
}
