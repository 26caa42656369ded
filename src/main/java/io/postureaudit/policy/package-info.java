/**
 * Least-privilege analysis: the entry points {@link io.postureaudit.policy.PrincipalAnalyzer} (every principal of a
 * snapshot) and {@link io.postureaudit.policy.PolicyDocumentAnalyzer} (one policy document), and the views they return.
 * Sub-packages hold the policy model, the action catalogue, the evaluation engine, effective permissions and risks.
 */
package io.postureaudit.policy;
