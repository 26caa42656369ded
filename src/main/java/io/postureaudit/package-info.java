/** Posture Audit: an AWS security posture audit service. Data flows collect, inventory, policy, rules, findings, then notify, web and report. */
package io.postureaudit;
