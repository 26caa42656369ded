package io.postureaudit.web;

import io.postureaudit.config.PostureConfig;
import io.postureaudit.notify.SlackInteractivity;
import io.postureaudit.notify.SlackSignature;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Slack's interactivity endpoint. No user login: Slack cannot sign in. Every request is authenticated by Slack's
 * signature instead (401 when missing, wrong, stale or replayed), before anything in it is read.
 */
@Path("/slack/interactivity")
@PermitAll
public class SlackInteractivityResource {

    private final SlackSignature signature;
    private final SlackInteractivity interactivity;
    private final PostureConfig config;

    public SlackInteractivityResource(SlackSignature signature, SlackInteractivity interactivity, PostureConfig config) {
        this.signature = signature;
        this.interactivity = interactivity;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response receive(@HeaderParam("X-Slack-Request-Timestamp") String timestamp,
            @HeaderParam("X-Slack-Signature") String slackSignature, String body) {
        try {
            signature.verify(config.slack().signingSecret(), timestamp, slackSignature, body == null ? "" : body);
        } catch (SlackSignature.Refused e) {
            return ErrorMappers.error(Response.Status.UNAUTHORIZED, e.getMessage());
        }
        SlackInteractivity.Answer answer = interactivity.handle(body);
        return answer.body() == null ? Response.ok().build()
                : Response.ok(answer.body(), MediaType.APPLICATION_JSON).build();
    }
}
