/**
 * The biweekly security study-session report: a model computed from stored history for exactly one period,
 * rendered as Markdown, HTML (with server-side SVG charts) and PDF, archived, scheduled and posted to Slack.
 */
package io.postureaudit.report;
