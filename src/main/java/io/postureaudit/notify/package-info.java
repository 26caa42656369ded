/** The notification outbox and its delivery to Slack, with every AWS-sourced string escaped. */
package io.postureaudit.notify;
