// Builds the web labelling page and serves this folder (index.html, style.css, dist/,
// images/) on 127.0.0.1: a small static server with no dependencies.
//
//   node examples/web-labelling/serve.mjs [--port N]     (or PORT=N; default 5173, 0 = any free port)
//
// Import startServer({ port }) to run it in-process (the browser test does).
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPage, exampleDirectory } from './build.mjs';

export const DEFAULT_PORT = 5173;
const HOST = '127.0.0.1';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
};

function send(response, status, text, headers = {}) {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers });
  response.end(response.req.method === 'HEAD' ? undefined : `${text}\n`);
}

/**
 * The file under `root` that a request path names, or a status to answer with instead.
 * Refuses paths that leave `root` (`..`, encoded or not, and symbolic links pointing
 * out), hidden files, and anything that is not a regular file.
 */
async function resolveFile(root, rawUrl) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(rawUrl, 'http://localhost').pathname);
  } catch {
    return { status: 400, message: 'Bad request' };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { status: 400, message: 'Bad request' };
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = resolve(root, `.${pathname}`);
  if (!file.startsWith(root + sep)) return { status: 403, message: 'Forbidden' };
  if (file.slice(root.length + 1).split(sep).some((part) => part.startsWith('.'))) return { status: 404, message: 'Not found' };
  let real;
  try {
    real = await realpath(file);
  } catch {
    return { status: 404, message: 'Not found' };
  }
  if (!real.startsWith(root + sep)) return { status: 403, message: 'Forbidden' };
  const info = await stat(real);
  if (!info.isFile()) return { status: 404, message: 'Not found' };
  return { file: real, size: info.size };
}

/**
 * Builds the page, then serves the example folder on 127.0.0.1.
 * @param {{ port?: number, build?: boolean }} [options] - port 0 picks a free one;
 *   build: false serves what dist/ already holds.
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startServer({ port = DEFAULT_PORT, build = true } = {}) {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port must be an integer in [0, 65535], not ${port}`);
  if (build) await buildPage();
  const root = await realpath(exampleDirectory.replace(/[\\/]+$/, ''));

  const server = createServer(async (request, response) => {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        send(response, 405, 'Method not allowed', { allow: 'GET, HEAD' });
        return;
      }
      const found = await resolveFile(root, request.url ?? '/');
      if (found.file === undefined) {
        send(response, found.status, found.message);
        return;
      }
      response.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': found.size,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      if (request.method === 'HEAD') {
        response.end();
        return;
      }
      createReadStream(found.file)
        .on('error', () => response.destroy())
        .pipe(response);
    } catch (error) {
      if (!response.headersSent) send(response, 500, 'Internal server error');
      else response.destroy();
      console.error(error);
    }
  });

  await new Promise((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, HOST, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const actualPort = server.address().port;
  return {
    url: `http://${HOST}:${actualPort}/`,
    port: actualPort,
    close: () =>
      new Promise((resolveClose, rejectClose) => {
        server.close((error) => (error ? rejectClose(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}

function portFromArguments(args, environment) {
  let text = environment.PORT;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--port') text = args[++index];
    else if (arg.startsWith('--port=')) text = arg.slice('--port='.length);
    else if (arg === '-h' || arg === '--help') return 'help';
    else throw new Error(`unknown argument ${arg} (usage: serve.mjs [--port N])`);
  }
  if (text === undefined || text === '') return DEFAULT_PORT;
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw new Error(`--port must be an integer in [0, 65535], not ${text}`);
  return Number(text);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  let port;
  try {
    port = portFromArguments(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
  if (port === 'help') {
    console.log(`Usage: node examples/web-labelling/serve.mjs [--port N]\nBuilds the page and serves it on ${HOST} (port from --port, PORT, or ${DEFAULT_PORT}; 0 picks a free one).`);
    process.exit(0);
  }
  try {
    const { url, close } = await startServer({ port });
    console.log(`Web labelling example: ${url}`);
    console.log('Press Ctrl+C to stop.');
    const stop = () => close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    console.error(error.code === 'EADDRINUSE' ? `port ${port} is in use: try --port 0 for any free port` : (error.message ?? error));
    process.exit(1);
  }
}
