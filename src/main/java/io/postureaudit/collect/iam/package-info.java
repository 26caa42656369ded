/**
 * IAM collection: the authorization details and credential report (IamCollector), account-level facts for the
 * iam.account resource (IamAccountFacts), service last accessed per principal (ServiceLastAccessed), and the
 * offline-import reader that feeds the same normalisers (IamBundleReader).
 */
package io.postureaudit.collect.iam;
