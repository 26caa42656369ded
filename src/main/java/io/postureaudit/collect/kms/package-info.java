/** KMS collection: keys with rotation, key policies, aliases and grants, as {@code kms.key} resources. */
package io.postureaudit.collect.kms;
