/**
 * `npm run access-report [-- --assembly DIR]`: synthesizes the app with the context of `cdk.json`
 * (or reads the cloud assembly in DIR), evaluates every principal × action × secret, and writes
 * the Markdown matrix to docs/access-report.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { readAssembly, synthTemplates } from '../iam';
import { PROJECT_ROOT, synthContext } from '../iam/synth';
import { accessReport, REPORT_PATH, reportEnvironment } from './report';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { assembly: { type: 'string' } } });
  const stacks = values.assembly ? readAssembly(values.assembly) : synthTemplates();

  const report = await accessReport(stacks, reportEnvironment(synthContext()));
  const file = path.join(PROJECT_ROOT, REPORT_PATH);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, report);
  process.stdout.write(`Wrote ${REPORT_PATH}\n`);
}

main().catch((error: unknown) => {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`access-report failed: ${text}\n`);
  process.exitCode = 1;
});
