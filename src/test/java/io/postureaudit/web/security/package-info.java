/** Tests for web.security: sign-in throttling, without the application. */
package io.postureaudit.web.security;
