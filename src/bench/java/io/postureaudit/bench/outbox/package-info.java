/** Benchmark of outbox delivery: pending messages to the Slack stub at Slack's per-channel pace, duplicates counted. */
package io.postureaudit.bench.outbox;
