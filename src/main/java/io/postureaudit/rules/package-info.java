/** Rules as data: YAML + CEL loading with file and line errors, the catalogue, and evaluation over resources. */
package io.postureaudit.rules;
