package io.postureaudit.rules;

import io.postureaudit.collect.CollectedResource;

/** A rule whose condition held for a resource, with the rendered message. */
public record RuleHit(RuleDefinition rule, CollectedResource resource, String message) {
}
