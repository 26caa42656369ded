package io.postureaudit.web;

import io.postureaudit.notify.DigestService;
import io.postureaudit.notify.OutboxDelivery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** Sends every channel's Slack digest now, instead of waiting for {@code posture.slack.digest-cron}. */
@Path("/api/digests")
@Produces(MediaType.APPLICATION_JSON)
public class DigestResource {

    private final DigestService digests;
    private final OutboxDelivery delivery;

    public DigestResource(DigestService digests, OutboxDelivery delivery) {
        this.digests = digests;
        this.delivery = delivery;
    }

    /** Queues the digests in the outbox and delivers what is due; answers the outbox ids queued. */
    @POST
    @RolesAllowed(Roles.ADMIN)
    public Map<String, List<Long>> send() {
        List<Long> queued = digests.queueDigests();
        delivery.deliverPending();
        return Map.of("queued", queued);
    }
}
