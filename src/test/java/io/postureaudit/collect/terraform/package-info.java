/** Tests of reading and parsing Terraform state. */
package io.postureaudit.collect.terraform;
