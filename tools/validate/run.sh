#!/usr/bin/env bash
# `npm run validate`: synthesizes the app and checks every stack template with cfn-lint and checkov.
# Fails on any cfn-lint error or warning and on any failed checkov check. Rules this project does not
# apply are listed, each with its reason, in .cfnlintrc.yaml and .checkov.yaml.
#
#   tools/validate/run.sh                      synth (defaults, and every guardrail on), then check
#                                              every *.template.json of both assemblies
#   tools/validate/run.sh path/a.template.json check the given templates, without synthesizing
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bin="$root/.venv/bin"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

section() { printf '\n== %s\n' "$*"; }

bash "$root/tools/validate/venv.sh"

templates=()
if (($# > 0)); then
  templates=("$@")
else
  section "cdk synth"
  started=$SECONDS
  # No credentials are needed: the stack is environment-agnostic and the cdk.out assembly is all
  # we read. Asset bundles land in cdk.out/asset.*; they are not templates.
  npx cdk synth --quiet
  # The same app with every guardrail on: the resource policies and deny policies get checked too.
  npx cdk synth --quiet --output cdk.out.guardrails \
    -c abac:projectTag=alpha \
    -c 'abac:privilegedRoleArnPatterns=["arn:aws:iam::*:role/SecretsAdmin*"]' \
    -c abac:organizationId=o-a1b2c3d4e5
  echo "synthesized in $((SECONDS - started))s"
  while IFS= read -r -d '' file; do
    templates+=("$file")
  done < <(find cdk.out cdk.out.guardrails -name '*.template.json' -not -path '*/asset.*' -print0 | sort -z)
fi
if ((${#templates[@]} == 0)); then
  echo "validate: no *.template.json found in cdk.out: nothing was checked" >&2
  exit 1
fi

section "cfn-lint ($("$bin/cfn-lint" --version), config .cfnlintrc.yaml)"
lint_status=0
"$bin/cfn-lint" --config-file .cfnlintrc.yaml --format parseable --non-zero-exit-code warning \
  -- "${templates[@]}" >"$work/cfn-lint.txt" || lint_status=$?
cat "$work/cfn-lint.txt"
lint_errors="$(grep -cE ':[E][0-9]{4}:' "$work/cfn-lint.txt" || true)"
lint_warnings="$(grep -cE ':[W][0-9]{4}:' "$work/cfn-lint.txt" || true)"
if ((lint_status == 0)); then
  echo "no findings"
fi

section "checkov ($("$bin/checkov" --version), config .checkov.yaml)"
checkov_status=0
checkov_args=()
for template in "${templates[@]}"; do checkov_args+=(--file "$template"); done
"$bin/checkov" --config-file .checkov.yaml --quiet --compact \
  --output cli --output json --output-file-path "console,$work/checkov.json" \
  "${checkov_args[@]}" || checkov_status=$?
# The JSON report is one object for one framework and a list for several: count both shapes.
checkov_counts="$("$bin/python" - "$work/checkov.json" <<'PY'
import json, sys
try:
    with open(sys.argv[1]) as handle:
        report = json.load(handle)
except (OSError, ValueError):
    report = []
reports = report if isinstance(report, list) else [report]
totals = {key: 0 for key in ("passed", "failed", "skipped", "parsing_errors", "resource_count")}
for item in reports:
    for key in totals:
        totals[key] += int(item.get("summary", {}).get(key, 0))
print(" ".join(str(totals[key]) for key in totals))
PY
)"
read -r passed failed skipped parse_errors resources <<<"$checkov_counts"

# Rules switched off in the config files never run, so no report counts them: list them here.
ignored="$("$bin/python" - <<'PY'
import yaml
with open(".cfnlintrc.yaml") as handle:
    lint = yaml.safe_load(handle) or {}
with open(".checkov.yaml") as handle:
    checkov = yaml.safe_load(handle) or {}
print("cfn-lint:", " ".join(lint.get("ignore_checks", [])) or "none", "| checkov:", " ".join(checkov.get("skip-check", [])) or "none")
PY
)"

section "summary"
printf 'templates  %s\n' "${templates[*]}"
printf 'cfn-lint   %d error(s), %d warning(s)\n' "$lint_errors" "$lint_warnings"
printf 'checkov    %d passed, %d failed, %d skipped in-template, %d parse error(s), %d resource(s)\n' \
  "$passed" "$failed" "$skipped" "$parse_errors" "$resources"
printf 'ignored    %s (reasons in the config files)\n' "$ignored"

# A clean exit with nothing scanned would hide a broken template path: demand resources and no
# parse errors as well as a zero exit code.
if ((lint_status != 0 || checkov_status != 0 || failed != 0 || parse_errors != 0 || resources == 0)); then
  echo "validate: FAILED" >&2
  exit 1
fi
echo "validate: OK"
