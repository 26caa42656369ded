/**
 * Terraform against the live estate: which live resources a state describes (managed), describes differently
 * (changed), does not know (unmanaged) or describes but are gone (missing), and the IaC coverage that follows.
 */
package io.postureaudit.terraform;
