/** Reads Terraform state files (local or S3) and turns their managed resource instances into plain records. */
package io.postureaudit.collect.terraform;
