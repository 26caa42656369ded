variable "role_name" {
  description = "Name of the read-only audit role created in this account (posture.accounts[i].role-arn points at it)."
  type        = string
  default     = "PostureAudit"
}

variable "trusted_principal_arn" {
  description = "ARN of the role Posture Audit runs as (e.g. its EKS IRSA role); only it may assume the audit role."
  type        = string
}

variable "external_id" {
  description = "ExternalId the service must present (posture.accounts[i].external-id); guards against the confused deputy."
  type        = string
  sensitive   = true

  validation {
    condition     = length(var.external_id) >= 8
    error_message = "external_id: expected at least 8 characters, so that it cannot be guessed."
  }
}

variable "max_session_duration" {
  description = "Longest session, in seconds, the service may hold (it asks for one hour)."
  type        = number
  default     = 3600
}

variable "tags" {
  description = "Tags for the role and its policy."
  type        = map(string)
  default     = {}
}
