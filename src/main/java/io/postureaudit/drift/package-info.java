/**
 * Drift: change records between complete scans of a scope (field diffs, the semantic effect of IAM changes),
 * the {@code change} variable drift rules see, baselines and the drift score.
 */
package io.postureaudit.drift;
