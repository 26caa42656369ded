/**
 * AWS's policy evaluation logic for one request: statement matching, every condition operator family, policy
 * variables, and the simulator that combines identity policies, boundaries, a resource policy and SCPs.
 */
package io.postureaudit.policy.eval;
