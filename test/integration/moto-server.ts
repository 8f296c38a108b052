/**
 * Starts moto's Secrets Manager-compatible server from the project's `.venv` on 127.0.0.1, on a
 * free port, for the integration tests. Stop it in `afterAll`; it is also killed when this process
 * exits, and it exits by itself if this process dies without a word (its stdin closes).
 *
 * `.venv` is created by `tools/validate/venv.sh` (run by `npm run validate`, and by CI before
 * `npm test`).
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

const VENV = join(__dirname, '..', '..', '.venv');

/** The console script pip installs with `moto[server]`; its presence means moto is installed. */
export const MOTO_SERVER_BIN = join(VENV, 'bin', 'moto_server');

const VENV_PYTHON = join(VENV, 'bin', 'python');

/**
 * Runs the same entry point as `moto_server` (`moto.server.main`), plus a thread that waits for
 * stdin to close. Node holds the other end of that pipe, so if the test process dies in a way no
 * hook sees (SIGKILL, a crashed worker), the server still exits instead of holding its port.
 */
const WATCHED_SERVER = `
import os, sys, threading
from moto.server import main

def exit_when_parent_is_gone():
    sys.stdin.buffer.read()
    os._exit(0)

threading.Thread(target=exit_when_parent_is_gone, daemon=True).start()
main(sys.argv[1:])
`;

export interface MotoServer {
  /** Base URL to pass as the SDK client's `endpoint`, e.g. `http://127.0.0.1:40123`. */
  readonly endpoint: string;
  /** Stops the server and waits for it to exit. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface StartMotoServerOptions {
  /**
   * How long to wait for the server to answer HTTP.
   * @default 30000
   */
  readonly readyTimeoutMs?: number;
}

type ServerProcess = ChildProcessByStdio<Writable, Readable, Readable>;

const STOP_GRACE_MS = 5000;
const POLL_INTERVAL_MS = 100;
const OUTPUT_LINES_KEPT = 40;
const PORT_ATTEMPTS = 3;

const running = new Set<ServerProcess>();

// Safety net for a test file that forgets stop(): 'exit' handlers must be synchronous, and
// kill() only sends the signal, which is all that is needed here. The handler is attached only
// while a server runs, so test files sharing a worker do not pile up listeners.
function killAllNow(): void {
  for (const child of running) {
    child.kill('SIGKILL');
  }
}

function track(child: ServerProcess): void {
  if (running.size === 0) {
    process.on('exit', killAllNow);
  }
  running.add(child);
}

function untrack(child: ServerProcess): void {
  if (running.delete(child) && running.size === 0) {
    process.removeListener('exit', killAllNow);
  }
}

export function isMotoServerInstalled(): boolean {
  return existsSync(MOTO_SERVER_BIN) && existsSync(VENV_PYTHON);
}

/** Asks the kernel for a free port by binding port 0, then releases it for the server. */
async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address === null || typeof address === 'string') {
          reject(new Error(`Expected a TCP address from the port probe, got ${String(address)}`));
        } else {
          resolve(address.port);
        }
      });
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function hasExited(child: ServerProcess): boolean {
  // A process that failed to spawn has no pid and will never emit 'exit'.
  return child.pid === undefined || child.exitCode !== null || child.signalCode !== null;
}

async function waitForExit(child: ServerProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) {
    return true;
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function kill(child: ServerProcess): Promise<void> {
  child.stdin.end();
  child.kill('SIGTERM');
  if (!(await waitForExit(child, STOP_GRACE_MS))) {
    child.kill('SIGKILL');
    await waitForExit(child, STOP_GRACE_MS);
  }
  untrack(child);
}

/** Resolves once the server answers any HTTP request; false if it exited or time ran out. */
async function waitUntilReady(
  child: ServerProcess,
  endpoint: string,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !hasExited(child)) {
    try {
      await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(1000) });
      return true;
    } catch {
      await delay(POLL_INTERVAL_MS);
    }
  }
  return false;
}

function spawnServer(port: number): { child: ServerProcess; output: () => string } {
  const child = spawn(
    VENV_PYTHON,
    ['-c', WATCHED_SERVER, '--host', '127.0.0.1', '--port', String(port)],
    { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PYTHONUNBUFFERED: '1' } },
  );
  track(child);
  // A server left running must not keep the test process alive: once that process exits, the
  // 'exit' hook and the stdin watchdog end the server.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as Socket).unref();
  }

  // The server logs every request; reading the pipes keeps it from blocking on a full buffer,
  // and the last lines explain a failed start.
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - OUTPUT_LINES_KEPT));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  // Without listeners these would be thrown: a failed spawn, and a write to a server that is gone.
  child.on('error', (error) => lines.push(`spawn failed: ${error.message}`));
  child.stdin.on('error', () => undefined);
  child.once('exit', () => untrack(child));

  return { child, output: () => lines.join('\n') };
}

/**
 * Starts a fresh, empty server. Retries on another port if the chosen one was taken between the
 * probe and the server's bind.
 */
export async function startMotoServer(options: StartMotoServerOptions = {}): Promise<MotoServer> {
  if (!isMotoServerInstalled()) {
    throw new Error(`${MOTO_SERVER_BIN} is missing: run tools/validate/venv.sh to create .venv`);
  }
  const readyTimeoutMs = options.readyTimeoutMs ?? 30000;
  let lastOutput = '';

  for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt += 1) {
    const port = await findFreePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const { child, output } = spawnServer(port);

    if (await waitUntilReady(child, endpoint, readyTimeoutMs).catch(() => false)) {
      let stopping: Promise<void> | undefined;
      return {
        endpoint,
        stop: () => (stopping ??= kill(child)),
      };
    }

    lastOutput = output();
    await kill(child);
  }

  throw new Error(
    `moto server did not answer after ${PORT_ATTEMPTS} attempts; last output:\n${lastOutput}`,
  );
}

/**
 * `describe` when the server is installed. Otherwise the block is skipped with a loud warning,
 * except in CI (`CI` set), where a missing server is an error: CI must run these tests.
 */
export function describeWithMotoServer(name: string, body: () => void): void {
  if (isMotoServerInstalled()) {
    describe(name, body);
    return;
  }

  const problem = `${MOTO_SERVER_BIN} not found. Run tools/validate/venv.sh (or npm run validate)`;
  if (process.env.CI) {
    throw new Error(`${problem}: CI must run the integration tests, not skip them.`);
  }
  console.warn(
    [
      '',
      '!'.repeat(78),
      `!! SKIPPING "${name}"`,
      `!! ${problem} to run it.`,
      '!'.repeat(78),
      '',
    ].join('\n'),
  );
  // eslint-disable-next-line no-restricted-properties -- skipped only while .venv is absent on a developer machine; CI fails above instead.
  describe.skip(name, body);
}
