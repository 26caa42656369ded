#!/usr/bin/env bash
# Writes an offline import bundle (docs/import-format.md) for the AWS account the current credentials belong to,
# using only read-only AWS CLI calls (those of docs/audit-role-policy.json). Needs the AWS CLI and jq.
#
#   samples/tools/bundle.sh ap-northeast-1 us-east-1 > prod.json
#   curl -u admin:… -H 'Content-Type: application/json' --data-binary @prod.json \
#     'http://localhost:8080/api/imports?account=123456789012&name=prod'
#
# Regions default to ap-northeast-1 and us-east-1 (where CloudFront's WAF lives). Set LAST_ACCESSED=0 to skip
# IAM service-last-accessed jobs (one per user and role; the slow part). A call the CLI refuses (AccessDenied,
# or a service not offered in a region) is left out, and the import reports it as a gap.
# EVENTS_DAYS (default 7) is how far back CloudTrail's mutating events are read, to name who made each change.
# ImportEqualsLiveTest checks that every call the importer reads has its key here, and with -Dbundle.script=true
# runs this script against the test suite's fake AWS and checks that its bundle imports to exactly a live scan.
set -euo pipefail
# BUNDLE_TRACE=1 traces every command with a timestamp on stderr (where a slow or stuck call shows).
if [ -n "${BUNDLE_TRACE:-}" ]; then
  PS4='+ $(date +%T) '
  set -x
fi

# IAM is global; every regional call names its region. A region is still needed for the CLI to sign IAM calls.
export AWS_DEFAULT_REGION=${AWS_DEFAULT_REGION:-us-east-1}
regions=("$@")
if [ ${#regions[@]} -eq 0 ]; then
  regions=(ap-northeast-1 us-east-1)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
entries="$work/entries.jsonl"
: > "$entries"

# run ARGS…: the CLI's JSON output; or nothing, a line on stderr naming the call and the CLI's error, and the CLI's
# status when the call fails ($work/error keeps the error for callers that tell "none" from "refused").
run() {
  aws --output json "$@" 2> "$work/error" && return 0
  local status=$?
  echo "bundle.sh: left out aws $1 $2: $(tr '\n' ' ' < "$work/error")" >&2
  return "$status"
}

# put KEY OUTPUT [REQUEST]: one more output under KEY; REQUEST (a JSON object) becomes its "@request".
put() {
  local key=$1 output=$2 request=${3:-}
  [ -n "$output" ] || return 0
  if [ -n "$request" ]; then
    jq -c --arg key "$key" --argjson request "$request" '{key: $key, value: (. + {"@request": $request})}' \
      <<< "$output" >> "$entries"
  else
    jq -c --arg key "$key" '{key: $key, value: .}' <<< "$output" >> "$entries"
  fi
}

# touch KEY: the key is present even with no output (the CLI fails where that means "none", e.g. no boundary).
touch_key() {
  jq -nc --arg key "$1" '{key: $key, value: null}' >> "$entries"
}

request() {
  jq -nc "$@"
}

# refusable KEY REQUEST ARGS…: the CLI's output; or, when the CLI's error is a documented refusal that the collectors
# read as a fact (the organisation calls outside the management or delegated administrator account),
# {"@error": {"Code", "Message"}}; any other error (AccessDenied, throttling) is left out and becomes a gap.
refusable() {
  local key=$1 req=$2 out code message
  shift 2
  if out=$(run "$@"); then
    put "$key" "$out" "$req"
    return 0
  fi
  code=$(sed -n 's/.*An error occurred (\([A-Za-z]*\)).*/\1/p' "$work/error" | head -n 1)
  message=$(sed -n 's/.*operation: //p' "$work/error" | head -n 1)
  case "$code" in
    AccountNotManagementOrDelegatedAdministratorException | OrganizationNotFoundException | \
    ServiceAccessNotEnabledException | OrganizationNotInAllFeaturesModeException | BadRequestException)
      put "$key" "$(jq -nc --arg c "$code" --arg m "$message" '{"@error": {Code: $c, Message: $m}}')" "$req"
      echo "bundle.sh: recorded aws $1 $2 refusal $code as a fact" >&2 ;;
  esac
}

iam() {
  put "iam:GetAccountAuthorizationDetails" "$(run iam get-account-authorization-details || true)"
  local state
  for _ in $(seq 1 60); do
    state=$(run iam generate-credential-report --query State --output text || true)
    [ "$state" = "COMPLETE" ] && break
    sleep 2
  done
  put "iam:GetCredentialReport" "$(run iam get-credential-report || true)"
  if policy=$(run iam get-account-password-policy); then
    put "iam:GetAccountPasswordPolicy" "$policy"
  elif grep -q NoSuchEntity "$work/error"; then
    put "iam:GetAccountPasswordPolicy" '{"PasswordPolicy": null}'
  fi
  put "iam:GetAccountSummary" "$(run iam get-account-summary || true)"
  put "iam:ListVirtualMFADevices" "$(run iam list-virtual-mfa-devices || true)"
  put "iam:ListSAMLProviders" "$(run iam list-saml-providers || true)"
  put "iam:ListServerCertificates" "$(run iam list-server-certificates || true)"
  local oidc
  oidc=$(run iam list-open-id-connect-providers || true)
  put "iam:ListOpenIDConnectProviders" "$oidc"
  refusable "iam:ListOrganizationsFeatures" "" iam list-organizations-features
  for arn in $(jq -r '.OpenIDConnectProviderList[]?.Arn' <<< "${oidc:-null}"); do
    put "iam:GetOpenIDConnectProvider" "$(run iam get-open-id-connect-provider --open-id-connect-provider-arn "$arn" || true)" \
      "$(request --arg a "$arn" '{OpenIDConnectProviderArn: $a}')"
  done
  if [ "${LAST_ACCESSED:-1}" != "0" ]; then
    local principals job details
    principals=$(run iam get-account-authorization-details --filter User Role \
      --query '[UserDetailList[].Arn, RoleDetailList[].Arn][]' --output text || true)
    for arn in $principals; do
      job=$(run iam generate-service-last-accessed-details --arn "$arn" --query JobId --output text) || continue
      for _ in $(seq 1 60); do
        details=$(run iam get-service-last-accessed-details --job-id "$job") || break
        [ "$(jq -r .JobStatus <<< "$details")" != "IN_PROGRESS" ] && break
        sleep 1
      done
      put "iam:GetServiceLastAccessedDetails" "${details:-}" "$(request --arg a "$arn" '{Arn: $a}')"
    done
  fi
}

kms() {
  local r=$1 keys
  keys=$(run kms list-keys --region "$r") || return 0
  put "kms:ListKeys@$r" "$keys"
  put "kms:ListAliases@$r" "$(run kms list-aliases --region "$r" || true)"
  touch_key "kms:GetKeyRotationStatus@$r"
  for id in $(jq -r '.Keys[].KeyId' <<< "$keys"); do
    local key
    key=$(request --arg k "$id" '{KeyId: $k}')
    put "kms:DescribeKey@$r" "$(run kms describe-key --region "$r" --key-id "$id" || true)"
    # Fails for keys that cannot rotate (asymmetric, disabled, imported material): nothing to put then.
    put "kms:GetKeyRotationStatus@$r" "$(run kms get-key-rotation-status --region "$r" --key-id "$id" || true)" "$key"
    put "kms:GetKeyPolicy@$r" "$(run kms get-key-policy --region "$r" --key-id "$id" --policy-name default || true)" "$key"
    put "kms:ListGrants@$r" "$(run kms list-grants --region "$r" --key-id "$id" || true)" "$key"
  done
}

guardduty() {
  local r=$1 detectors
  detectors=$(run guardduty list-detectors --region "$r") || return 0
  put "guardduty:ListDetectors@$r" "$detectors"
  # Answered only in the management account (delegated administrators) and in the delegated administrator
  # (organisation configuration); elsewhere GuardDuty's BadRequestException is recorded as the fact it is.
  refusable "guardduty:ListOrganizationAdminAccounts@$r" "" guardduty list-organization-admin-accounts --region "$r"
  for id in $(jq -r '.DetectorIds[]' <<< "$detectors"); do
    local detector filters ids
    detector=$(request --arg d "$id" '{DetectorId: $d}')
    refusable "guardduty:DescribeOrganizationConfiguration@$r" "$detector" guardduty describe-organization-configuration --region "$r" --detector-id "$id"
    put "guardduty:GetDetector@$r" "$(run guardduty get-detector --region "$r" --detector-id "$id" || true)" "$detector"
    if filters=$(run guardduty list-filters --region "$r" --detector-id "$id"); then
      put "guardduty:ListFilters@$r" "$filters" "$detector"
      for name in $(jq -r '.FilterNames[]' <<< "$filters"); do
        put "guardduty:GetFilter@$r" "$(run guardduty get-filter --region "$r" --detector-id "$id" --filter-name "$name" || true)" "$detector"
      done
    fi
    put "guardduty:GetAdministratorAccount@$r" "$(run guardduty get-administrator-account --region "$r" --detector-id "$id" || true)" "$detector"
    put "guardduty:ListMembers@$r" "$(run guardduty list-members --region "$r" --detector-id "$id" || true)" "$detector"
    ids=$(run guardduty list-findings --region "$r" --detector-id "$id" \
      --finding-criteria '{"Criterion":{"service.archived":{"Eq":["false"]}}}') || continue
    put "guardduty:ListFindings@$r" "$ids" "$detector"
    # GetFindings takes at most 50 ids.
    jq -r '.FindingIds[]' <<< "$ids" | xargs -r -n 50 | while read -r batch; do
      # shellcheck disable=SC2086
      put "guardduty:GetFindings@$r" "$(run guardduty get-findings --region "$r" --detector-id "$id" --finding-ids $batch || true)" "$detector"
    done
  done
}

waf() {
  local r=$1 scopes=(REGIONAL)
  [ "$r" = "us-east-1" ] && scopes=(REGIONAL CLOUDFRONT)
  touch_key "wafv2:GetLoggingConfiguration@$r"
  for scope in "${scopes[@]}"; do
    local acls groups sets
    if acls=$(run wafv2 list-web-acls --region "$r" --scope "$scope"); then
      put "wafv2:ListWebACLs@$r" "$acls"
      put "wafv2:ListLoggingConfigurations@$r" "$(run wafv2 list-logging-configurations --region "$r" --scope "$scope" || true)"
      jq -r '.WebACLs[] | "\(.Name) \(.Id) \(.ARN)"' <<< "$acls" | while read -r name id arn; do
        put "wafv2:GetWebACL@$r" "$(run wafv2 get-web-acl --region "$r" --scope "$scope" --name "$name" --id "$id" || true)"
        # Fails for an ACL without logging: nothing to put, and the import reads "logging off".
        put "wafv2:GetLoggingConfiguration@$r" "$(run wafv2 get-logging-configuration --region "$r" --resource-arn "$arn" || true)"
        [ "$scope" = "REGIONAL" ] || continue
        for type in APPLICATION_LOAD_BALANCER API_GATEWAY APPSYNC COGNITO_USER_POOL APP_RUNNER_SERVICE VERIFIED_ACCESS_INSTANCE; do
          put "wafv2:ListResourcesForWebACL@$r" "$(run wafv2 list-resources-for-web-acl --region "$r" --web-acl-arn "$arn" --resource-type "$type" || true)" \
            "$(request --arg a "$arn" --arg t "$type" '{WebACLArn: $a, ResourceType: $t}')"
        done
      done
    fi
    if groups=$(run wafv2 list-rule-groups --region "$r" --scope "$scope"); then
      put "wafv2:ListRuleGroups@$r" "$groups"
      jq -r '.RuleGroups[] | "\(.Name) \(.Id)"' <<< "$groups" | while read -r name id; do
        put "wafv2:GetRuleGroup@$r" "$(run wafv2 get-rule-group --region "$r" --scope "$scope" --name "$name" --id "$id" || true)"
      done
    fi
    if sets=$(run wafv2 list-ip-sets --region "$r" --scope "$scope"); then
      put "wafv2:ListIPSets@$r" "$sets"
      jq -r '.IPSets[] | "\(.Name) \(.Id)"' <<< "$sets" | while read -r name id; do
        put "wafv2:GetIPSet@$r" "$(run wafv2 get-ip-set --region "$r" --scope "$scope" --name "$name" --id "$id" || true)"
      done
    fi
  done
}

identity_center() {
  local r=$1 instances
  instances=$(run sso-admin list-instances --region "$r") || return 0
  put "sso-admin:ListInstances@$r" "$instances"
  jq -r '.Instances[] | "\(.InstanceArn) \(.IdentityStoreId)"' <<< "$instances" | while read -r instance store; do
    local groups sets
    put "identitystore:ListUsers@$r" "$(run identitystore list-users --region "$r" --identity-store-id "$store" || true)"
    if groups=$(run identitystore list-groups --region "$r" --identity-store-id "$store"); then
      put "identitystore:ListGroups@$r" "$groups"
      for group in $(jq -r '.Groups[].GroupId' <<< "$groups"); do
        put "identitystore:ListGroupMemberships@$r" "$(run identitystore list-group-memberships --region "$r" --identity-store-id "$store" --group-id "$group" || true)" \
          "$(request --arg s "$store" --arg g "$group" '{IdentityStoreId: $s, GroupId: $g}')"
      done
    fi
    sets=$(run sso-admin list-permission-sets --region "$r" --instance-arn "$instance") || continue
    put "sso-admin:ListPermissionSets@$r" "$sets" "$(request --arg i "$instance" '{InstanceArn: $i}')"
    touch_key "sso-admin:GetPermissionsBoundaryForPermissionSet@$r"
    for set in $(jq -r '.PermissionSets[]' <<< "$sets"); do
      local forset accounts
      forset=$(request --arg i "$instance" --arg p "$set" '{InstanceArn: $i, PermissionSetArn: $p}')
      put "sso-admin:DescribePermissionSet@$r" "$(run sso-admin describe-permission-set --region "$r" --instance-arn "$instance" --permission-set-arn "$set" || true)"
      put "sso-admin:ListManagedPoliciesInPermissionSet@$r" "$(run sso-admin list-managed-policies-in-permission-set --region "$r" --instance-arn "$instance" --permission-set-arn "$set" || true)" "$forset"
      put "sso-admin:ListCustomerManagedPolicyReferencesInPermissionSet@$r" "$(run sso-admin list-customer-managed-policy-references-in-permission-set --region "$r" --instance-arn "$instance" --permission-set-arn "$set" || true)" "$forset"
      put "sso-admin:GetInlinePolicyForPermissionSet@$r" "$(run sso-admin get-inline-policy-for-permission-set --region "$r" --instance-arn "$instance" --permission-set-arn "$set" || true)" "$forset"
      # Fails for a set without a boundary: nothing to put, and the import reads "no boundary".
      put "sso-admin:GetPermissionsBoundaryForPermissionSet@$r" "$(run sso-admin get-permissions-boundary-for-permission-set --region "$r" --instance-arn "$instance" --permission-set-arn "$set" || true)" "$forset"
      put "sso-admin:ListTagsForResource@$r" "$(run sso-admin list-tags-for-resource --region "$r" --instance-arn "$instance" --resource-arn "$set" || true)" \
        "$(request --arg i "$instance" --arg p "$set" '{InstanceArn: $i, ResourceArn: $p}')"
      accounts=$(run sso-admin list-accounts-for-provisioned-permission-set --region "$r" --instance-arn "$instance" --permission-set-arn "$set") || continue
      put "sso-admin:ListAccountsForProvisionedPermissionSet@$r" "$accounts" "$forset"
      for account in $(jq -r '.AccountIds[]' <<< "$accounts"); do
        put "sso-admin:ListAccountAssignments@$r" "$(run sso-admin list-account-assignments --region "$r" --instance-arn "$instance" --account-id "$account" --permission-set-arn "$set" || true)" \
          "$(request --arg i "$instance" --arg a "$account" --arg p "$set" '{InstanceArn: $i, AccountId: $a, PermissionSetArn: $p}')"
      done
    done
  done
}

# CloudTrail's event history, for who made each change (docs/drift.md, Attribution): the mutating events of the
# last EVENTS_DAYS days (default 7; take bundles at least that often), newest first, the CLI following every page.
# Of each region read, and of us-east-1, where CloudTrail records IAM's (global) calls.
cloudtrail() {
  local r=$1 since
  since=$(date -u -d "-${EVENTS_DAYS:-7} days" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null \
    || date -u -v-"${EVENTS_DAYS:-7}"d +%Y-%m-%dT%H:%M:%SZ)
  put "cloudtrail:LookupEvents@$r" "$(run cloudtrail lookup-events --region "$r" \
    --lookup-attributes AttributeKey=ReadOnly,AttributeValue=false --start-time "$since" || true)"
}

iam
for region in "${regions[@]}"; do
  kms "$region"
  guardduty "$region"
  waf "$region"
  identity_center "$region"
done
for region in $(printf '%s\n' "${regions[@]}" us-east-1 | sort -u); do
  cloudtrail "$region"
done
# One object: every key with its outputs in the order they were printed.
jq -s 'reduce .[] as $e ({}; .[$e.key] = ((.[$e.key] // []) + (if $e.value == null then [] else [$e.value] end)))' "$entries"
