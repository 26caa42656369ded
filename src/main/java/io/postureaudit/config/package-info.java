/** Typed configuration (posture.*), the injected clock, and the embedded PostgreSQL used when no database URL is set. */
package io.postureaudit.config;
