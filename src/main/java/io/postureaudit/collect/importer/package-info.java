/**
 * Offline import: a bundle of AWS CLI outputs keyed {@code service:Operation[@region]} read into the same
 * resources and gaps as the live collectors, through the same normalisers (see docs/import-format.md).
 */
package io.postureaudit.collect.importer;
