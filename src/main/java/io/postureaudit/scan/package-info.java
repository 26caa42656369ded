/** Scan orchestration: starting scans, running accounts in parallel, recording coverage and gaps honestly. */
package io.postureaudit.scan;
