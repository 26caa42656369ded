/** IAM Identity Center collection: instances, permission sets, account assignments, identity store users and groups. */
package io.postureaudit.collect.identitycenter;
