/** Benchmark of a scan of many accounts by one and by two replicas of the packaged service (issue 13). */
package io.postureaudit.bench.cluster;
