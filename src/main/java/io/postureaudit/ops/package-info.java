/** Operations: the service's own gauges for Prometheus, and the readiness and liveness checks. */
package io.postureaudit.ops;
