/** Findings and their lifecycle, suppressions and their expiry, re-grading, and posture scores. */
package io.postureaudit.findings;
