/**
 * The one-shot offline policy analysis command ({@code analyse-policies}): policy documents, or what
 * {@code aws iam get-account-authorization-details} printed, analysed without the service or its database.
 */
package io.postureaudit.policy.cli;
