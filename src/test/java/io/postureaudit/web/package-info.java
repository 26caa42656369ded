/** Tests for web. */
package io.postureaudit.web;
