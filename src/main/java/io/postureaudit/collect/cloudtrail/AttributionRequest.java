package io.postureaudit.collect.cloudtrail;

import java.time.Instant;

/**
 * One change to attribute: CloudTrail is searched in {@code region} for events naming {@code lookupName}
 * between {@code from} and {@code to} (the previous scan and this one).
 *
 * @param key an id the caller uses to find the answer again (e.g. the change record's id)
 */
public record AttributionRequest(String key, String region, String lookupName, Instant from, Instant to) {
}
