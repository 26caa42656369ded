/** Tests for scan. */
package io.postureaudit.scan;
