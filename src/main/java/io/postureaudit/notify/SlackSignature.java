package io.postureaudit.notify;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Slack's request signature: {@code v0=} hex HMAC-SHA256 of {@code v0:<timestamp>:<body>} with the
 * signing secret, compared in constant time; a timestamp more than 5 minutes away is stale, and a signature seen
 * before is a replay. Accepted signatures are kept in the database so replicas share what they have seen.
 */
@ApplicationScoped
public class SlackSignature {

    static final Duration WINDOW = Duration.ofMinutes(5);
    private final Clock clock;

    public SlackSignature(Clock clock) {
        this.clock = clock;
    }

    /** Why a request was refused; the text is safe to answer with (it never contains the secret). */
    public static class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * @throws Refused when the secret is not configured, a header is missing, the signature is wrong, the
     *                 timestamp is stale, or the request was seen before
     */
    @Transactional
    public void verify(Optional<String> secret, String timestamp, String signature, String body) {
        if (secret.isEmpty() || secret.get().isBlank()) {
            throw new Refused("Slack requests are refused: posture.slack.signing-secret is not set");
        }
        if (timestamp == null || signature == null || timestamp.isBlank() || signature.isBlank()) {
            throw new Refused("expected headers X-Slack-Request-Timestamp and X-Slack-Signature, found "
                    + (timestamp == null || timestamp.isBlank() ? "no timestamp" : "no signature"));
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new Refused("X-Slack-Request-Timestamp: expected epoch seconds, found '" + clip(timestamp) + "'");
        }
        Instant now = clock.instant();
        if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(WINDOW) > 0) {
            throw new Refused("X-Slack-Request-Timestamp: expected within 5 minutes of " + now + ", found "
                    + Instant.ofEpochSecond(seconds));
        }
        byte[] expected = ("v0=" + hmac(secret.get(), "v0:" + timestamp.strip() + ":" + body))
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            throw new Refused("X-Slack-Signature: does not match the request signed with the signing secret");
        }
        var em = Panache.getEntityManager();
        em.createNativeQuery("delete from slack_request where received_at < ?1")
                .setParameter(1, now.minus(WINDOW.multipliedBy(2))).executeUpdate();
        int inserted = em.createNativeQuery("insert into slack_request (signature, received_at) values (?1, ?2) "
                + "on conflict (signature) do nothing").setParameter(1, signature.strip()).setParameter(2, now)
                .executeUpdate();
        if (inserted == 0) {
            throw new Refused("X-Slack-Signature: this request was already received (replay)");
        }
    }

    /** {@code hex(HMAC-SHA256(secret, text))}. */
    public static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
