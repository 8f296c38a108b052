/**
 * The committed access report must match what the current template grants, so that a change of
 * access shows up in review as a diff of docs/access-report.md.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { accessReport, REPORT_PATH, reportEnvironment } from '../../tools/access-report/report';
import { synthTemplates } from '../../tools/iam';
import { PROJECT_ROOT, synthContext } from '../../tools/iam/synth';

function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  const line = left.findIndex((text, i) => text !== right[i]);
  const at = line === -1 ? left.length : line;
  return `first difference at line ${at + 1}:\n  committed: ${right[at] ?? '(end of file)'}\n  current:   ${left[at] ?? '(end of file)'}`;
}

describe(REPORT_PATH, () => {
  let current: string;
  beforeAll(async () => {
    current = await accessReport(synthTemplates(), reportEnvironment(synthContext()));
  });

  it('matches the access the synthesized template grants', () => {
    const committed = readFileSync(path.join(PROJECT_ROOT, REPORT_PATH), 'utf8');

    if (committed !== current) {
      throw new Error(
        `${REPORT_PATH} is out of date: run \`npm run access-report\` and commit the result.\n` +
          firstDifference(current, committed),
      );
    }
  });

  it('is the same on every run: no timestamp, no random name', async () => {
    expect(await accessReport(synthTemplates(), reportEnvironment(synthContext()))).toBe(current);
  });

  it('changes when access changes: the role serving app2 instead', async () => {
    const app2 = await accessReport(
      synthTemplates({ context: { 'abac:appTagValue': 'app2' } }),
      reportEnvironment(synthContext()),
    );

    expect(app2).not.toBe(current);
    expect(app2).toContain(
      '| MyTestSecret6 | app=app2, environment=production | **Allowed** by LambdaABACPolicy › GetSecretsWithMatchingAppTag |',
    );
  });
});
