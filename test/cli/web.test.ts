// `rcvd web`: the analyzer page served on loopback only — the page and nothing else, a policy header, other hosts
// refused, a port in use a clear exit 2. Every server here is bound to 127.0.0.1 and stopped by its test's signal.
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/run.js';
import { run } from '../../src/cli/run.js';
import { pagePolicy, web } from '../../src/cli/web.js';
import { Capture } from './io.js';
import { REPO } from '../support/report-inputs.js';

const PAGE = '<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; connect-src &#39;none&#39;"><title>t</title><p>analyzer';
const BUILT = join(REPO, 'dist', 'web', 'analyzer.html');
/** 15 s: a test whose server did not stop by then has failed; the signal in `finally` stops it anyway. */
const TEST_TIMEOUT_MS = 15_000;

function io(signal: AbortSignal): { io: CliIo; stdout: Capture; stderr: Capture } {
  const stdout = new Capture();
  const stderr = new Capture();
  return { io: { stdout, stderr, stdin: Readable.from([]), env: {}, signal }, stdout, stderr };
}

async function address(stdout: Capture): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(stdout.text());
    if (m !== null) return Number(m[1]);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no address printed: ${stdout.text()}`);
}

function get(port: number, path: string, method = 'GET', host = `127.0.0.1:${port}`): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { Host: host }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('rcvd web', () => {
  it('serves the page at / on 127.0.0.1 with its policy as a header, nothing else, and stops with the signal', async () => {
    const stop = new AbortController();
    const { io: cli, stdout } = io(stop.signal);
    const served = web(['--port', '0'], cli, PAGE);
    try {
      const port = await address(stdout);
      const page = await get(port, '/');
      expect(page.status).toBe(200);
      expect(page.body).toBe(PAGE);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['content-security-policy']).toBe("default-src 'none'; connect-src 'none'; frame-ancestors 'none'");
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect((await get(port, '/analyzer.html?x=1')).status).toBe(200);
      expect((await get(port, '/upload')).status).toBe(404);
      expect((await get(port, '/../package.json')).status).toBe(404);
      expect((await get(port, '/', 'POST')).status).toBe(405);
      expect((await get(port, '/', 'PUT')).status).toBe(405);
      // another site's page reaching us through a name that resolves to 127.0.0.1 (DNS rebinding)
      expect((await get(port, '/', 'GET', `attacker.example:${port}`)).status).toBe(421);
      expect((await get(port, '/', 'GET', `localhost:${port}`)).status).toBe(200);
    } finally {
      stop.abort('SIGINT');
    }
    expect(await served).toBe(0);
  }, TEST_TIMEOUT_MS);

  it('a port in use is one clear line and exit 2; a wrong --port is a usage error', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    const stop = new AbortController();
    try {
      const { io: cli, stderr, stdout } = io(stop.signal);
      expect(await web(['--port', String(port)], cli, PAGE)).toBe(2);
      expect(stderr.text()).toBe(`rcvd web: port ${port} on 127.0.0.1 is in use; choose another with --port, or leave --port out for a free one\n`);
      expect(stdout.text()).toBe('');
      for (const bad of [['--port', 'x'], ['--port', '70000'], ['--bogus'], ['extra']]) {
        const other = io(stop.signal);
        expect(await web(bad, other.io, PAGE), bad.join(' ')).toBe(2);
        expect(other.stderr.text()).toMatch(/^rcvd web: /);
      }
    } finally {
      stop.abort();
      await new Promise((resolve) => busy.close(resolve));
    }
  }, TEST_TIMEOUT_MS);

  it('is dispatched by run() as the first word, with its own help', async () => {
    const stop = new AbortController();
    const { io: cli, stdout } = io(stop.signal);
    expect(await run(['web', '--help'], cli)).toBe(0);
    expect(stdout.text()).toContain('Usage: rcvd web [--port N]');
  });

  it.skipIf(!existsSync(BUILT))('serves the built page byte for byte, its meta policy as the header', async () => {
    const stop = new AbortController();
    const { io: cli, stdout } = io(stop.signal);
    const served = run(['web', '--port', '0'], cli);
    try {
      const port = await address(stdout);
      const page = await get(port, '/');
      const html = readFileSync(BUILT, 'utf8');
      expect(page.body).toBe(html);
      expect(page.headers['content-security-policy']).toBe(pagePolicy(html));
      expect(page.headers['content-security-policy']).toContain("connect-src 'none'");
    } finally {
      stop.abort('SIGINT');
    }
    expect(await served).toBe(0);
  }, TEST_TIMEOUT_MS);
});
