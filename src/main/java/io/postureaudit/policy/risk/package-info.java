/**
 * Risk analysis over effective permissions and trust policies: admin, privilege escalation (Rhino Security Labs
 * methods and Identity Center's), data exfiltration, resource and credentials exposure, infrastructure modification,
 * public and cross-account trust, unused access, the least-privilege score and right-sizing suggestions.
 */
package io.postureaudit.policy.risk;
