/** Tests for rules. */
package io.postureaudit.rules;
