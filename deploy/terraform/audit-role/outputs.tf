output "role_arn" {
  description = "Set posture.accounts[i].role-arn to this."
  value       = aws_iam_role.audit.arn
}

output "policy_arn" {
  description = "The customer managed policy holding docs/audit-role-policy.json."
  value       = aws_iam_policy.audit.arn
}
