/**
 * Effective permissions: which actions a principal's identity policies grant, on which resources and under which
 * conditions, after explicit denies and permissions boundaries; and how principals' policies are gathered from a
 * snapshot.
 */
package io.postureaudit.policy.effective;
