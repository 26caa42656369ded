# The read-only audit role Posture Audit assumes in a member account. Its permissions are the project's one source of
# truth, docs/audit-role-policy.json (checked by the test suite against every call a scan makes): read here with
# file() and re-encoded, never copied, so the role can never drift from what the service needs.
locals {
  audit_policy = jsondecode(file("${path.module}/../../../docs/audit-role-policy.json"))
}

data "aws_iam_policy_document" "trust" {
  statement {
    sid     = "PostureAuditService"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = [var.trusted_principal_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [var.external_id]
    }
  }
}

resource "aws_iam_role" "audit" {
  name                 = var.role_name
  description          = "Posture Audit: read-only security posture audit"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = var.max_session_duration
  tags                 = var.tags
}

resource "aws_iam_policy" "audit" {
  name        = "${var.role_name}ReadOnly"
  description = "Posture Audit: exactly the read calls a scan makes (docs/audit-role-policy.json)"
  policy      = jsonencode(local.audit_policy)
  tags        = var.tags
}

resource "aws_iam_role_policy_attachment" "audit" {
  role       = aws_iam_role.audit.name
  policy_arn = aws_iam_policy.audit.arn
}
