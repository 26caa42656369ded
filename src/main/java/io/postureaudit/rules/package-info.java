/**
 * Rules as data: YAML + CEL loading with file and line errors, the catalogue, per-account rule settings, and
 * evaluation over resources.
 */
package io.postureaudit.rules;
