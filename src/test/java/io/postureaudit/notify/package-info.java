/** Tests for notify. */
package io.postureaudit.notify;
