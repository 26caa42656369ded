/**
 * Offline import: a bundle of AWS CLI outputs keyed {@code service:Operation[@region]}, answered through
 * bundle-backed SDK clients so that the live collectors read it with their own call sequences (see
 * docs/import-format.md). Only what is truly offline lives here: reading the bundle, {@code @request} matching,
 * paging by tokens, unknown-key reporting.
 */
package io.postureaudit.collect.importer;
