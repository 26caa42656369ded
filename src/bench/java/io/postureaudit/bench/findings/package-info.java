/** Benchmark of the findings list at a million findings: bulk load, query plans, open-loop latency per scenario. */
package io.postureaudit.bench.findings;
