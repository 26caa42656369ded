/** Tests of the Terraform classification and its API. */
package io.postureaudit.terraform;
