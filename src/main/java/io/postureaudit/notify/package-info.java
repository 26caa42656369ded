/**
 * Notifications: the transactional outbox fed by typed finding events, routing to Slack channels, Block Kit alerts
 * with threads and updates, daily digests, delivery with look-up before resend, actions from Slack (signed
 * interactivity) and PagerDuty; every AWS-sourced string escaped.
 */
package io.postureaudit.notify;
