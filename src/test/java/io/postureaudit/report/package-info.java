/** Tests of the study-session report: figures from a seeded history, every format, the API and the schedule. */
package io.postureaudit.report;
