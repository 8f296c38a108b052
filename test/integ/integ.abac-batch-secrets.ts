/**
 * End-to-end test for an AWS account: deploys a copy of the stack (names prefixed `Integ`),
 * invokes the function with the walkthrough's two test events, and checks what it returns.
 *
 * Run it with `npm run integ` (deploys, reads the assertion results, always destroys). Offline,
 * `test/integ/integ-app.test.ts` synthesizes it so that it keeps compiling and keeps its shape.
 */
import { App } from 'aws-cdk-lib';
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { AbacSecretsStack } from '../../lib/abac-secrets-stack';
import { DEFAULT_CONFIG } from '../../lib/config';

export const INTEG_PREFIX = 'Integ';

/** The body of a Lambda invoke response, matched as text: the names are in sorted order. */
function payloadMatching(statusCode: number, names: readonly string[]): string {
  return `"statusCode":${statusCode}.*${names.map((name) => `${INTEG_PREFIX}${name}`).join('.*')}`;
}

export function buildIntegApp(app: App): IntegTest {
  const stack = new AbacSecretsStack(app, `${INTEG_PREFIX}AbacBatchSecrets`, {
    config: { ...DEFAULT_CONFIG, namePrefix: INTEG_PREFIX },
  });
  const integ = new IntegTest(app, 'AbacBatchSecretsIntegTest', { testCases: [stack] });
  const functionName = stack.batchFunction.function.functionName;

  // Blog step 5: the role reads every secret of its own app.
  integ.assertions
    .invokeFunction({ functionName, payload: JSON.stringify({ TagKey: 'app', TagValue: 'app1' }) })
    .expect(
      ExpectedResult.objectLike({
        StatusCode: 200,
        Payload: Match.stringLikeRegexp(
          payloadMatching(200, [
            'MyTestSecret1',
            'MyTestSecret2',
            'MyTestSecret3',
            'MyTestSecret4',
            'MyTestSecret5',
          ]),
        ),
      }),
    );

  // Blog step 7: a filter that also selects another app's secret; IAM denies that one.
  integ.assertions
    .invokeFunction({
      functionName,
      payload: JSON.stringify({ TagKey: 'environment', TagValue: 'production' }),
    })
    .expect(
      ExpectedResult.objectLike({
        StatusCode: 200,
        Payload: Match.stringLikeRegexp(payloadMatching(403, ['MyTestSecret6'])),
      }),
    );

  return integ;
}

if (require.main === module) {
  buildIntegApp(new App());
}
