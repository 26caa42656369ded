/** Tests of the operations surface: metrics as Prometheus scrapes them, health checks. */
package io.postureaudit.ops;
