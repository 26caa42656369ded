/** Checks of the deployment artefacts: Kubernetes manifests, the audit role as Terraform and CloudFormation. */
package io.postureaudit.deploy;
