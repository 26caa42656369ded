/** Rules as data: the rule model, the YAML loader, CEL compilation, per-account settings and evaluation. */
package io.postureaudit.rules;
