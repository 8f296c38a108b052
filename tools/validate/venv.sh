#!/usr/bin/env bash
# Creates ./.venv with the pinned Python tools (cfn-lint, checkov, moto server) and reinstalls them
# only when tools/validate/requirements.txt, constraints.txt or the Python version changed.
#
#   tools/validate/venv.sh             bring .venv up to date (quiet when it already is)
#   tools/validate/venv.sh --relock    rebuild constraints.txt from a fresh resolve of requirements.txt
#
# PYTHON picks the interpreter (default: python3). Used by `npm run validate` and by CI before
# `npm test`, which needs .venv/bin/moto_server for test/integration.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/tools/validate"
venv="$root/.venv"
stamp="$venv/.tools-validate.sha256"
python="${PYTHON:-python3}"

log() { printf 'venv: %s\n' "$*"; }

# Runs a noisy command with its output kept in a log file, shown only when it fails.
quietly() {
  local out
  out="$(mktemp)"
  if ! "$@" >"$out" 2>&1; then
    cat "$out" >&2
    rm -f "$out"
    return 1
  fi
  rm -f "$out"
}

fingerprint() {
  "$python" - "$here/requirements.txt" "$here/constraints.txt" <<'PY'
import hashlib, sys
digest = hashlib.sha256(sys.version.encode())
for path in sys.argv[1:]:
    with open(path, 'rb') as handle:
        digest.update(handle.read())
print(digest.hexdigest())
PY
}

relock() {
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  log "resolving requirements.txt in a scratch venv (no constraints)"
  "$python" -m venv "$scratch/venv"
  quietly "$scratch/venv/bin/pip" install --disable-pip-version-check -r "$here/requirements.txt"
  {
    echo "# Every transitive version, as resolved for requirements.txt. Regenerate with:"
    echo "#   tools/validate/venv.sh --relock"
    "$scratch/venv/bin/pip" freeze --disable-pip-version-check |
      grep -viE '^(cfn-lint|checkov|moto)=='
  } >"$here/constraints.txt"
  log "wrote tools/validate/constraints.txt ($(grep -vc '^#' "$here/constraints.txt") pins)"
}

if [[ "${1:-}" == "--relock" ]]; then
  relock
  exit 0
fi

wanted="$(fingerprint)"
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]] &&
  "$venv/bin/python" -c '' 2>/dev/null; then
  log "up to date ($venv)"
  exit 0
fi

started=$SECONDS
if ! "$venv/bin/python" -c '' 2>/dev/null; then
  # Missing, or built by an interpreter that is gone: start again rather than patch it.
  log "creating $venv with $("$python" --version 2>&1)"
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi

log "installing pinned tools (tools/validate/requirements.txt)"
rm -f "$stamp"
quietly "$venv/bin/pip" install --disable-pip-version-check \
  -r "$here/requirements.txt" -c "$here/constraints.txt"
echo "$wanted" >"$stamp"
log "ready in $((SECONDS - started))s: $("$venv/bin/cfn-lint" --version), checkov $("$venv/bin/checkov" --version), moto $("$venv/bin/python" -c 'import moto; print(moto.__version__)')"
