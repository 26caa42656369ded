/**
 * IAM collection: the authorization details and credential report (IamCollector), account-level facts for the
 * iam.account resource (IamAccountFacts) and service last accessed per principal (ServiceLastAccessed).
 */
package io.postureaudit.collect.iam;
