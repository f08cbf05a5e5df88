/**
 * `rcvd web [--port N]`: serves the offline analyzer page (dist/web/analyzer.html) on 127.0.0.1 and nothing else —
 * no upload endpoint, no other path, no other address — until the process is interrupted. The page works the same
 * opened from disk; the server only spares a user the file path. Binding loopback keeps it off the network; checking
 * the `Host` header keeps other sites from reaching it through DNS rebinding.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { sanitize } from '../render/sanitize.js';
import { write, type CliIo } from './io.js';

/** The only address served: loopback. */
const WEB_HOST = '127.0.0.1';
/** 64 connections at once: one person's browser opens a handful; more is something else knocking. */
const MAX_CONNECTIONS = 64;
/** 10 s for a request's headers and for the whole request: the page is one GET; a slow client holds a socket. */
const REQUEST_TIMEOUT_MS = 10_000;
/** 16 KiB of request headers: a browser sends about 1 KiB for a page. */
const MAX_HEADER_BYTES = 16 * 1024;

/** The `rcvd web --help` text. */
const WEB_USAGE = `Usage: rcvd web [--port N]

Serves the offline analyzer page on http://${WEB_HOST}/ and prints the address: paste a header or drop .eml and
.mbox files; everything is analysed in the browser tab, nothing is sent anywhere (the page forbids every
request). Only that page is served, on loopback only. Ctrl+C stops the server.

Options:
      --port <n>   the port (default: a free one chosen by the system)
  -h, --help       this help

The same page is dist/web/analyzer.html in the package: it also works opened from disk.
Exit status: 0 stopped, 2 usage error, page missing or port unavailable.
`;

/** The page's Content Security Policy as its `<meta>` states it, for the HTTP header too (plus what only a header can say). */
export function pagePolicy(html: string): string | null {
  const marker = 'http-equiv="Content-Security-Policy" content="';
  const at = html.indexOf(marker);
  if (at < 0) return null;
  const end = html.indexOf('"', at + marker.length);
  if (end < 0) return null;
  return `${html.slice(at + marker.length, end).replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&')}; frame-ancestors 'none'`;
}

/** Where the built page is: beside the bundled CLI (dist/cli.js → dist/web/), or in dist/ seen from the sources. */
async function readPage(): Promise<string | null> {
  for (const relative of ['./web/analyzer.html', '../../dist/web/analyzer.html']) {
    try {
      return await readFile(new URL(relative, import.meta.url), 'utf8');
    } catch {
      // try the next place
    }
  }
  return null;
}

function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `${WEB_HOST}:${port}` || host === `localhost:${port}`;
}

function respond(html: string, policy: string, port: number) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    // A request whose Host is not us came from another site's page resolving its name to 127.0.0.1.
    if (!hostAllowed(req.headers.host, port)) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('misdirected request\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end('only GET\n');
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/' && path !== '/analyzer.html') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found: this server serves only the analyzer page at /\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(html),
      'Content-Security-Policy': policy,
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    res.end(req.method === 'HEAD' ? undefined : html);
  };
}

function listen(server: Server, port: number): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException) => resolve(error);
    server.once('error', onError);
    server.listen({ port, host: WEB_HOST, exclusive: true }, () => {
      server.off('error', onError);
      resolve(null);
    });
  });
}

function parsePort(text: string | undefined): number | string {
  if (text === undefined) return 0;
  if (!/^\d{1,5}$/.test(text)) return `--port: not a port number: ${text}`;
  const port = Number(text);
  return port > 65535 ? `--port: not a port number: ${text}` : port;
}

/**
 * Run `rcvd web` with the words after `web`; resolves to the exit code when `io.signal` stops the server (0), or at
 * once on a usage error, a missing page or a port that cannot be bound (2). `page` replaces the built page (tests).
 */
export async function web(argv: readonly string[], io: CliIo, page?: string): Promise<number> {
  let values: { port?: string | undefined; help?: boolean | undefined };
  try {
    values = parseArgs({ args: [...argv], options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    await write(io.stderr, `rcvd web: ${sanitize(error instanceof Error ? error.message : String(error))}\nTry 'rcvd web --help'.\n`);
    return 2;
  }
  if (values.help === true) {
    await write(io.stdout, WEB_USAGE);
    return 0;
  }
  const port = parsePort(values.port);
  if (typeof port === 'string') {
    await write(io.stderr, `rcvd web: ${sanitize(port)}\nTry 'rcvd web --help'.\n`);
    return 2;
  }
  const html = page ?? (await readPage());
  const policy = html === null ? null : pagePolicy(html);
  if (html === null || policy === null) {
    await write(io.stderr, 'rcvd web: the analyzer page is not built (dist/web/analyzer.html); run npm run build\n');
    return 2;
  }
  if (io.signal?.aborted === true) return 0;
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: REQUEST_TIMEOUT_MS });
  server.maxConnections = MAX_CONNECTIONS;
  const failure = await listen(server, port);
  if (failure !== null) {
    const why = failure.code === 'EADDRINUSE' ? 'is in use' : failure.code === 'EACCES' ? 'is not allowed for this user' : `cannot be used (${failure.code ?? failure.message})`;
    await write(io.stderr, `rcvd web: port ${port} on ${WEB_HOST} ${why}; choose another with --port, or leave --port out for a free one\n`);
    return 2;
  }
  const bound = (server.address() as AddressInfo).port;
  server.on('request', respond(html, policy, bound));
  await write(io.stdout, `rcvd web: the analyzer is at http://${WEB_HOST}:${bound}/ (only this page, only on loopback; Ctrl+C stops)\n`);
  await new Promise<void>((resolve) => {
    if (io.signal === undefined) return;
    io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return 0;
}
