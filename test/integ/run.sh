#!/usr/bin/env bash
# Deploys the integration test app into the account of your AWS credentials, checks the assertion
# results the deployment reports, and always destroys what it deployed. Costs a few cents.
set -euo pipefail
cd "$(dirname "$0")/../.."

app="npx tsx test/integ/integ.abac-batch-secrets.ts"
out="cdk.out.integ"
outputs="$out/outputs.json"

cleanup() {
  echo "==> destroying the integration test stacks"
  npx cdk destroy --app "$app" --output "$out" --all --force
}
trap cleanup EXIT

echo "==> deploying the integration test stacks (needs AWS credentials and a bootstrapped account)"
npx cdk deploy --app "$app" --output "$out" --all --require-approval never --outputs-file "$outputs"

echo "==> assertion results"
node -e '
  const outputs = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  let failed = 0, seen = 0;
  for (const [stack, values] of Object.entries(outputs)) {
    for (const [key, value] of Object.entries(values)) {
      if (!key.startsWith("AssertionResults")) continue;
      seen++;
      const status = JSON.parse(value).status;
      console.log(`${status === "success" ? "PASS" : "FAIL"} ${stack} ${key}`);
      if (status !== "success") { failed++; console.log(value); }
    }
  }
  console.log(`${seen - failed} passed, ${failed} failed`);
  process.exit(failed > 0 || seen === 0 ? 1 : 0);
' "$outputs"
