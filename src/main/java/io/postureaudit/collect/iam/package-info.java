/**
 * IAM collection: the authorization details and credential report (IamCollector), account-level facts for the
 * iam.account resource (IamAccountFacts), and service last accessed per principal (ServiceLastAccessed). Offline
 * imports run the same code over a bundle-backed IamClient.
 */
package io.postureaudit.collect.iam;
