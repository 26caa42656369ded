/** IAM collection: authorization details (every page) and the credential report, normalised for rules. */
package io.postureaudit.collect.iam;
