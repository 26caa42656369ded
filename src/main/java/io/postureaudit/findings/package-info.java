/** Findings and their lifecycle: open, resolved, reopened, suppressed with expiry, and the history of each change. */
package io.postureaudit.findings;
