/** Test environment: database, fake AWS and Slack stub, planted estates, API helpers. */
package io.postureaudit.support;
