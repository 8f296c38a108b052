/**
 * `npm run walkthrough [-- --live [--stack NAME] [--imds]] [-- --assembly DIR]`
 *
 * Offline by default: no credentials, no network. `--live` invokes the deployed function instead.
 */
import { parseArgs } from 'node:util';

import { readAssembly, synthTemplates } from '../iam';
import { cdkJsonContext } from '../iam/synth';
import { LiveModeError, runLiveWalkthrough } from './live';
import { runOfflineWalkthrough } from './offline';
import { renderWalkthrough } from './print';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      live: { type: 'boolean', default: false },
      stack: { type: 'string' },
      assembly: { type: 'string' },
      imds: { type: 'boolean', default: false },
    },
  });
  const stacks = values.assembly ? readAssembly(values.assembly) : synthTemplates();

  if (!values.live) {
    process.stdout.write(renderWalkthrough(await runOfflineWalkthrough({ stacks })));
    return;
  }

  // The SDK would otherwise ask the EC2 instance metadata service for credentials, which only
  // makes sense on EC2; --imds allows it.
  if (!values.imds) process.env.AWS_EC2_METADATA_DISABLED ??= 'true';
  const prefix = cdkJsonContext()['abac:namePrefix'];
  const stackName = values.stack ?? `${typeof prefix === 'string' ? prefix : ''}AbacBatchSecrets`;
  process.stdout.write(renderWalkthrough(await runLiveWalkthrough({ stacks, stackName })));
}

main().catch((error: unknown) => {
  if (error instanceof LiveModeError) {
    process.stderr.write(`walkthrough: ${error.message}\n`);
  } else {
    process.stderr.write(
      `walkthrough failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exitCode = 1;
});
