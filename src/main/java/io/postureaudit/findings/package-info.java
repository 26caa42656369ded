/**
 * Findings and their lifecycle: open, resolved, reopened, suppressed with expiry, the history of each change,
 * re-grading when a rule's severity changes, and posture scores per scan.
 */
package io.postureaudit.findings;
