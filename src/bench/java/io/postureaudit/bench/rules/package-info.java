/** Benchmark of the rules engine: resource × rule evaluations per second over a synthetic large account. */
package io.postureaudit.bench.rules;
