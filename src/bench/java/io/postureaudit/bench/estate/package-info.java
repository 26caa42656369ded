/** The synthetic estate the benchmarks plant into the fake AWS: the large account and smaller ones of its shape. */
package io.postureaudit.bench.estate;
