import { createLogger, formatLogLine, type LogFields } from '../../lambda/batch-get-secrets/log';
import { APP1, expectNoLeak, fakeValue, markersIn } from './support/fixtures';

describe('formatLogLine', () => {
  it('writes level, message and timestamp, then the fields that are set', () => {
    // Act
    const line = formatLogLine(
      'info',
      'Fetched secrets',
      { requestId: 'r-1', filter: APP1, counts: { matched: 2 } },
      new Date('2030-01-02T03:04:05.000Z'),
    );

    // Assess
    expect(JSON.parse(line)).toEqual({
      level: 'info',
      message: 'Fetched secrets',
      timestamp: '2030-01-02T03:04:05.000Z',
      requestId: 'r-1',
      filter: { tagKey: 'app', tagValue: 'app1' },
      counts: { matched: 2 },
    });
  });

  it('drops anything that is not a known field, even when a wider object is passed', () => {
    // Prepare
    const secret = fakeValue();
    const wider = {
      requestId: 'r-1',
      filter: { ...APP1, password: secret },
      failed: [{ secretId: 's', errorCode: 'E', message: secret }],
      event: { TagKey: 'app', password: secret },
    };
    const fields: LogFields = wider;

    // Act
    const line = formatLogLine('warn', 'Check', fields);

    // Assess
    expect(Object.keys(JSON.parse(line) as object)).toEqual([
      'level',
      'message',
      'timestamp',
      'requestId',
      'filter',
      'failed',
    ]);
    expectNoLeak(markersIn([secret]), line);
  });
});

describe('createLogger', () => {
  it('writes one JSON line per call, adding the fields of its parents', () => {
    // Prepare
    const lines: string[] = [];
    const logger = createLogger({}, (line) => lines.push(line)).child({ requestId: 'r-1' });

    // Act
    logger.info('first', { statusCode: 200 });
    logger.error('second', { errorName: 'TypeError' });

    // Assess
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({
        level: 'info',
        message: 'first',
        requestId: 'r-1',
        statusCode: 200,
      }),
      expect.objectContaining({ level: 'error', message: 'second', requestId: 'r-1' }),
    ]);
  });
});
