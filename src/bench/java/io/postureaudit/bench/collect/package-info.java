/** The collection benchmark: a synthetic large account collected from the fake AWS with added latency. */
package io.postureaudit.bench.collect;
