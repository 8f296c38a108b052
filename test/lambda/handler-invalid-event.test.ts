import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';

import { createHandler } from '../../lambda/batch-get-secrets/handler';
import type { Logger } from '../../lambda/batch-get-secrets/log';
import { APP1_EVENT, captureLogs, expectNoLeak, fakeValue, markersIn } from './support/fixtures';
import { answerWithPages, batchCalls, testClient } from './support/secrets-manager';
import { runHandler } from './support/run-handler';

const secretsManager = mockClient(SecretsManagerClient);

beforeEach(() => {
  secretsManager.reset();
  answerWithPages(secretsManager, [{}]);
});

/** Builds an invalid event around a fresh fake value, so the test can check it is never echoed. */
type InvalidEventCase = [label: string, field: string, make: (stray: string) => unknown];

const invalidEvents: InvalidEventCase[] = [
  ['a string', 'event', (stray) => stray],
  ['null', 'event', () => null],
  ['undefined', 'event', () => undefined],
  ['an array', 'event', (stray) => [{ TagKey: 'app', TagValue: stray }]],
  ['a number', 'event', () => 42],
  ['missing TagKey', 'TagKey', (stray) => ({ TagValue: 'app1', password: stray })],
  ['missing TagValue', 'TagValue', (stray) => ({ TagKey: 'app', password: stray })],
  ['a number as TagKey', 'TagKey', (stray) => ({ TagKey: 1, TagValue: stray })],
  ['a number as TagValue', 'TagValue', (stray) => ({ TagKey: 'app', TagValue: 1, note: stray })],
  ['an empty TagKey', 'TagKey', (stray) => ({ TagKey: '', TagValue: stray })],
  ['an empty TagValue', 'TagValue', (stray) => ({ TagKey: 'app', TagValue: '', note: stray })],
  ['a TagKey over 128 characters', 'TagKey', (stray) => ({ TagKey: stray.repeat(4) })],
  ['a TagValue over 256 characters', 'TagValue', (s) => ({ TagKey: 'app', TagValue: s.repeat(7) })],
  ['bad characters in TagKey', 'TagKey', (stray) => ({ TagKey: `${stray}$`, TagValue: 'app1' })],
  ['bad characters in TagValue', 'TagValue', (stray) => ({ TagKey: 'app', TagValue: `${stray}*` })],
  ['a leading "!" in TagKey', 'TagKey', (stray) => ({ TagKey: `!${stray}`, TagValue: 'app1' })],
  ['a leading "!" in TagValue', 'TagValue', (stray) => ({ TagKey: 'app', TagValue: `!${stray}` })],
  ['a string as Refresh', 'Refresh', (stray) => ({ ...APP1_EVENT, Refresh: stray })],
  ['a number as Refresh', 'Refresh', (stray) => ({ ...APP1_EVENT, Refresh: 1, note: stray })],
];

describe('Handler: batch-get-secrets, invalid events', () => {
  it.each(invalidEvents)(
    'returns 400 naming the field for %s, without calling AWS',
    async (_label, field, make) => {
      // Prepare
      const stray = fakeValue();
      const event = make(stray);

      // Act
      const run = await runHandler(event);

      // Assess
      expect(run.result.statusCode).toBe(400);
      expect(run.body.field).toBe(field);
      expect(run.body.message).toMatch(new RegExp(`^Invalid event: ${field} `));
      expect(batchCalls(secretsManager)).toBe(0);
      expect(run.logRecords).toContainEqual(
        expect.objectContaining({ level: 'warn', message: 'Rejected invalid event', field }),
      );
      expectNoLeak(markersIn([stray]), run.result, run.logLines);
    },
  );
});

describe('Handler: batch-get-secrets, unexpected failures', () => {
  it('returns 500 instead of throwing when something unexpected fails', async () => {
    // Prepare
    const logs = captureLogs();
    let firstInfo = true;
    const failingOnce: Logger = {
      ...logs.logger,
      child: () => ({
        ...logs.logger,
        info: (message, fields) => {
          if (firstInfo) {
            firstInfo = false;
            throw new TypeError('log sink unavailable');
          }
          logs.logger.info(message, fields);
        },
      }),
    };
    const handler = createHandler({ client: testClient(), logger: failingOnce });
    const stray = fakeValue();

    // Act
    const result = await handler({ ...APP1_EVENT, note: stray });

    // Assess
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).toMatchObject({ errorName: 'TypeError' });
    expect(logs.records()).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'Unexpected error',
        errorName: 'TypeError',
      }),
    );
    expectNoLeak(markersIn([stray]), result, logs.lines);
  });
});
