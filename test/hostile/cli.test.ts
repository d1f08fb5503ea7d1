// Hostile input to the command line: bytes that are not UTF-8, lines and names of any
// length, hundreds of thousands of datapoints, ids that would garble a terminal, sweeps
// too large to finish. Each runs the built CLI as a user would.
// PAIRWISE_ELO_CLI=path/to/cli.js runs them against another build (e.g. an older one).
import { spawn, spawnSync } from 'node:child_process';
import { isUtf8 } from 'node:buffer';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readDatapointIds } from '../../src/cli/readDatapointIds.js';
import { shownId, shownText } from '../../src/cli/terminalText.js';
import { Utf8Lines, firstInvalidUtf8 } from '../../src/cli/utf8Lines.js';

const cli = process.env['PAIRWISE_ELO_CLI'] ?? new URL('../../dist/cli.js', import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), 'pairwise-elo-hostile-cli-'));
// Some inputs are megabytes: leave nothing behind.
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function run(args: readonly string[], input?: string | Buffer) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 2 ** 28, ...(input === undefined ? {} : { input }) });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: string | Buffer): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

// A refusal: exit 2, nothing on stdout, the message (first line of stderr) holding every part.
function expectRefused(result: ReturnType<typeof run>, ...parts: string[]): string {
  expect(result.stdout).toBe('');
  expect(result.status).toBe(2);
  const message = result.stderr.split('\n')[0]!;
  for (const part of parts) expect(message).toContain(part);
  return message;
}

// Characters that reorder or break a terminal line: controls, bidirectional formatting, lone surrogates.
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('rank refuses input that is not UTF-8, naming FILE:LINE', () => {
  it('a Latin-1 file: café and cafê are not merged into one datapoint, the first bad byte is named', () => {
    const path = file('latin1.csv', latin1('left,right,outcome\ncafé,tea,left\ncafê,tea,right\n'));
    expectRefused(run(['rank', path]), `${path}:2: not valid UTF-8 (byte 0xE9 at byte 4 of the line)`, 'iconv');
    // JSON Lines: the valid line before is read (and its mistake reported first).
    const jsonl = file('latin1.jsonl', Buffer.concat([Buffer.from('{"left":"tea","right":"cake","outcome":"left"}\n'), latin1('{"left":"café","right":"tea","outcome":"left"}\n')]));
    expectRefused(run(['rank', jsonl]), `${jsonl}:2: not valid UTF-8 (byte 0xE9 at byte 13 of the line)`);
    const earlierMistake = file('mistake-first.jsonl', Buffer.concat([Buffer.from('{"left":"tea","right":"cake","outcome":"maybe"}\n'), latin1('{"left":"café","right":"tea","outcome":"left"}\n')]));
    expectRefused(run(['rank', earlierMistake]), `${earlierMistake}:1: outcome must be left, right, draw or tie`);
  });

  it('UTF-16 files, with a byte order mark (either order) or without one', () => {
    const text = '\ufeffleft,right,outcome\na,b,left\n';
    const little = Buffer.from(text, 'utf16le');
    const big = Buffer.from(little).swap16();
    expectRefused(run(['rank', file('utf16le.csv', little)]), 'utf16le.csv:1: the input is UTF-16', 'convert it');
    expectRefused(run(['rank', file('utf16be.csv', big)]), 'utf16be.csv:1: the input is UTF-16');
    expectRefused(run(['rank', file('utf16-no-bom.csv', little.subarray(2))]), 'utf16-no-bom.csv:1: holds NUL bytes, as UTF-16 without a byte order mark does');
    expectRefused(run(['rank', '-'], little), '<stdin>:1: the input is UTF-16');
  });

  it('on standard input: a stray byte, an overlong form, an encoded surrogate, a sequence cut off at the end', () => {
    const header = Buffer.from('winner,loser\na,b\n');
    const cases: [Buffer, string][] = [
      [Buffer.from([0x78, 0xff, 0x2c, 0x61, 0x0a]), '<stdin>:3: not valid UTF-8 (byte 0xFF at byte 2 of the line)'],
      [Buffer.from([0xc0, 0xaf, 0x2c, 0x61, 0x0a]), '<stdin>:3: not valid UTF-8 (byte 0xC0 at byte 1 of the line)'],
      [Buffer.from([0x61, 0x2c, 0xed, 0xa0, 0x80, 0x0a]), '<stdin>:3: not valid UTF-8 (byte 0xED at byte 3 of the line)'],
      [Buffer.from([0x62, 0x2c, 0x63, 0x61, 0x66, 0xc3]), '<stdin>:3: not valid UTF-8 (byte 0xC3 at byte 6 of the line)'],
    ];
    for (const [line, message] of cases) expectRefused(run(['rank', '-'], Buffer.concat([header, line])), message);
  });

  it('a UTF-8 byte order mark is read as nothing: in a file, on standard input, in an ids file', () => {
    const csv = '\ufeffwinner,loser\na,b\nb,c\nc,a\n';
    for (const result of [run(['rank', file('bom.csv', csv), '--json']), run(['rank', '-', '--json'], csv)]) {
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout).columns).toEqual(['winner', 'loser']);
    }
    const ids = run(['simulate', '--datapoint-ids', file('bom-ids.txt', '\ufeffcat\ndog\n'), '--json']);
    expect(JSON.parse(ids.stdout).rankings[0].truth.map((entry: { datapoint: string }) => entry.datapoint).sort()).toEqual(['cat', 'dog']);
  });
});

describe('rank bounds what one line can cost', () => {
  it('refuses a 2 MiB line at FILE:LINE, the header or a row', () => {
    expectRefused(run(['rank', file('one-line.csv', 'x'.repeat(2 * 1_048_576))]), 'one-line.csv:1: line longer than 1 MiB');
    expectRefused(run(['rank', file('long-row.csv', `winner,loser\na,b\n${'y'.repeat(2 * 1_048_576)},z\n`)]), 'long-row.csv:3: line longer than 1 MiB');
    // 1 MiB exactly is a line like any other.
    const id = 'i'.repeat(1_048_576 - 2);
    const atLimit = run(['rank', file('at-limit.csv', `winner,loser\n${id},b\nb,${id}\n`), '--json']);
    expect(atLimit.stderr).toBe('');
    expect(JSON.parse(atLimit.stdout).datapoints).toBe(2);
  });

  it('refuses a line that never ends on standard input once it passes 1 MiB, without waiting for the end', async () => {
    const child = spawn(process.execPath, [cli, 'rank', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    // The writer stops when the reader does (EPIPE); standard input is never closed.
    child.stdin.on('error', () => undefined);
    child.stdin.write('x'.repeat(2 * 1_048_576));
    const status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.stdin.destroy();
    expect(status).toBe(2);
    expect(stderr).toContain('<stdin>:1: line longer than 1 MiB');
  }, 30_000);

  it('quotes a 900 KB column name cut to 40 characters, wherever an error names it', () => {
    const name = 'c'.repeat(900_000);
    const mapping = ['--columns', 'left=a,right=b,outcome=o'];
    const messages = [
      // A row too short for the last column, and a quote left open in it.
      expectRefused(run(['rank', file('short-row.csv', `a,b,o,${name}\nx,y,left\n`), ...mapping]), 'short-row.csv:2: 3 fields where the header has 4: nothing for column ccc'),
      expectRefused(run(['rank', file('open-quote.csv', `a,b,o,${name}\nx,y,left,"z\n`), ...mapping]), 'open-quote.csv:2: field 4 opens a quote', '(column ccc'),
      expectRefused(run(['rank', file('unknown-column.csv', `left,right,outcome,${name}\nx,y,left,1\n`)]), 'unknown-column.csv:1: the header names an unknown column'),
      expectRefused(run(['rank', file('unknown-field.jsonl', `{"left":"x","right":"y","outcome":"left","${name}":1}\n`)]), 'unknown-field.jsonl:1: unknown field'),
    ];
    for (const message of messages) {
      expect(message).toContain(`${'c'.repeat(40)}…`);
      expect(message.length).toBeLessThan(1000);
    }
  });

  it('prints the table of 200 000 datapoints', () => {
    // A cycle: every datapoint wins once and loses once.
    const n = 200_000;
    const rows = Array.from({ length: n }, (_, i) => `d${i},d${(i + 1) % n}`);
    const { status, stdout, stderr } = run(['rank', file('cycle.csv', `winner,loser\n${rows.join('\n')}\n`), '--scorer', 'elo']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain(`Read ${n} rows`);
    expect(stdout.split('\n').filter((line) => /^\s*\d+\s+d\d+\s/.test(line))).toHaveLength(n);
  });

  it('a 50 000-character id does not widen the table: it is cut to 60 characters there, whole in --json', () => {
    const long = `L${'o'.repeat(49_998)}g`;
    const ids = ['a', 'b', 'c', long];
    const csv = `winner,loser\n${ids.map((id, i) => `${id},${ids[(i + 1) % ids.length]}`).join('\n')}\n`;
    const path = file('long-id.csv', csv);
    const { status, stdout } = run(['rank', path]);
    expect(status).toBe(0);
    const table = stdout.slice(stdout.indexOf('\nrank') + 1).trimEnd().split('\n');
    expect(table).toHaveLength(5);
    for (const line of table) expect(line.length).toBeLessThan(120);
    expect(stdout).toContain(`L${'o'.repeat(58)}…`);
    expect(stdout.length).toBeLessThan(2000);
    expect(JSON.parse(run(['rank', path, '--json']).stdout).entries.map((entry: { datapoint: string }) => entry.datapoint)).toContain(long);
  });
});

describe('ids and names cannot spoof the display', () => {
  const ids = ['abc\u202Edef', 'x\u2066y\u2069', 'rtl\u200F', 'alm\u061C', 'lone\uD800', 'lone\uDC00', 'tab\there', 'pair\uD83D\uDE00'];
  const jsonl = `${ids.map((id, i) => JSON.stringify({ winner: id, loser: ids[(i + 1) % ids.length] })).join('\n')}\n`;

  it('the table escapes bidirectional characters, controls and lone surrogates; --json keeps every id exact', () => {
    const path = file('spoof.jsonl', jsonl);
    const { status, stdout } = run(['rank', path]);
    expect(status).toBe(0);
    expect(stdout).not.toMatch(UNSAFE);
    for (const shown of ['"abc\\u202edef"', '"x\\u2066y\\u2069"', '"rtl\\u200f"', '"alm\\u061c"', '"lone\\ud800"', '"lone\\udc00"', '"tab\\there"', 'pair\uD83D\uDE00']) {
      expect(stdout).toContain(shown);
    }
    const json = run(['rank', path, '--json']);
    expect(JSON.parse(json.stdout).entries.map((entry: { datapoint: string }) => entry.datapoint).sort()).toEqual([...ids].sort());
  });

  it('error messages escape them too: a column name, an outcome, a file name', () => {
    const header = expectRefused(run(['rank', file('bidi-header.csv', 'left,right,outcome,\u202Eevil\na,b,left,1\n')]), "unknown column '\\u202eevil'");
    const outcome = expectRefused(run(['rank', '-'], '{"left":"a","right":"b","outcome":"\u2067left"}\n'), '<stdin>:1: outcome must be', '"\\u2067left"');
    const name = expectRefused(run(['rank', join(folder, 'missing\u202E.csv')]), 'cannot read', 'missing\\u202e.csv');
    for (const message of [header, outcome, name]) expect(message).not.toMatch(UNSAFE);
  });

  it('simulate --datapoint-ids shows such ids escaped as well', () => {
    // A file holds no lone surrogates (UTF-8 cannot encode them).
    const fileIds = ['abc\u202Edef', 'x\u2066y\u2069', 'rtl\u200F', 'alm\u061C', 'pair\uD83D\uDE00'];
    const { status, stdout } = run(['simulate', '--datapoint-ids', file('spoof-ids.txt', `${fileIds.join('\n')}\n`), '--budget', '20']);
    expect(status).toBe(0);
    expect(stdout).not.toMatch(UNSAFE);
    expect(stdout).toContain('"abc\\u202edef"');
  });
});

describe('simulate --datapoint-ids reads its file as strictly as rank', () => {
  it('refuses Latin-1 at FILE:LINE, rather than finding café and cafê the same id', () => {
    const path = file('latin1-ids.txt', latin1('tea\ncafé\ncafê\n'));
    expectRefused(run(['simulate', '--datapoint-ids', path]), `${path}:2: not valid UTF-8 (byte 0xE9 at byte 4 of the line)`);
  });

  it('quotes a repeated 50 000-character id cut to 40 characters', () => {
    const long = 'z'.repeat(50_000);
    const message = expectRefused(run(['simulate', '--datapoint-ids', file('repeat-ids.txt', `${long}\nb\n${long}\n`)]), `repeat-ids.txt:3: repeats '${'z'.repeat(40)}…' from line 1`);
    expect(message.length).toBeLessThan(300);
  });

  it('stops reading at the first id past the limit (1 000 000 from the command line)', () => {
    const path = file('many-ids.txt', 'a\nb\nc\nd\n');
    expect(readDatapointIds(path, 4)).toEqual(['a', 'b', 'c', 'd']);
    expect(() => readDatapointIds(path, 3)).toThrow(`${path}:4: more than 3 datapoints, the most --datapoint-ids takes`);
  });
});

describe('merge reads results.json as strictly', () => {
  it('refuses one whose bytes are not UTF-8, rather than merging its seed café into caf\uFFFD', () => {
    const whole = join(folder, 'sweep-cafe');
    expect(run(['convergence', '--datapoints', '4', '--per-datapoint', '1', '--seeds', '2', '--seed', 'café', '--out', whole]).status).toBe(0);
    const bytes = readFileSync(join(whole, 'results.json'));
    const at = bytes.indexOf('café');
    const damaged = join(folder, 'sweep-latin1');
    mkdirSync(damaged);
    writeFileSync(join(damaged, 'results.json'), Buffer.concat([bytes.subarray(0, at), latin1('café'), bytes.subarray(at + Buffer.byteLength('café'))]));
    expectRefused(run(['merge', damaged, '--out', join(folder, 'merged-latin1')]), 'results.json is not UTF-8');
  });
});

describe('convergence refuses sweeps too large to finish, before any work', () => {
  it('past 100 000 cells, or 10 000 000 runs in one process', () => {
    const many = (count: number, from: number) => Array.from({ length: count }, (_, i) => String(from + i)).join(',');
    const out = join(folder, 'sweep');
    expectRefused(run(['convergence', '--datapoints', many(400, 2), '--budget', many(300, 1), '--seeds', '2', '--out', out]), 'the sweep has up to 120000 cells', 'at most 100000');
    expectRefused(run(['convergence', '--datapoints', many(11, 2), '--budget', '1', '--seeds', '1000000', '--out', out]), 'the sweep would run 11000000 simulated jobs', '--shard');
    expect(() => readdirSync(out)).toThrow();
  }, 30_000);
});

describe('the pieces', () => {
  it('firstInvalidUtf8 finds a bad byte exactly when Node says the bytes are not UTF-8', () => {
    // Bytes biased to the lead and continuation ranges, where the edge cases are.
    const byte = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xbf }), fc.integer({ min: 0xc0, max: 0xff }), fc.constantFrom(0xe0, 0xed, 0xf0, 0xf4, 0x9f, 0xa0, 0x8f, 0x90));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 12 }), (values) => {
        const bytes = Uint8Array.from(values);
        const bad = firstInvalidUtf8(bytes);
        expect(bad === -1).toBe(isUtf8(bytes));
        if (bad !== -1) expect(isUtf8(bytes.subarray(0, bad))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('Utf8Lines gives the same lines however the input is cut into chunks, CR LF across a cut too', () => {
    // No NUL: in line 1 it means UTF-16, and is refused.
    const text = fc
      .array(fc.oneof(fc.constantFrom('\n', '\r', '\r\n', 'é', '😀', '\u202e', '\ufeff', 'a', ' '), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 30 })
      .map((parts) => parts.join('').replaceAll('\u0000', ''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (input, cuts) => {
        const bytes = Buffer.from(input, 'utf8');
        // Input starting with U+FEFF loses it as a byte order mark.
        const body = input.startsWith('\ufeff') ? input.slice(1) : input;
        const expected = body.split(/\r\n|\r|\n/);
        if (/[\r\n]$/.test(body) || body === '') expected.pop();
        const lines: string[] = [];
        const reader = new Utf8Lines('t', (line, number) => {
          expect(number).toBe(lines.length + 1);
          lines.push(line);
        });
        const offsets = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        for (const offset of [...offsets, bytes.length]) {
          reader.push(bytes.subarray(from, offset));
          from = offset;
        }
        reader.end();
        expect(lines).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('shownId never shows two ids alike unless it had to cut them, is at most 60 wide and prints safely', () => {
    const char = fc.constantFrom('a', 'b', '"', '\\', '\u202e', '\u2066', '\n', '\t', '\ud800', '\udc00', '\ud83d\ude00', '…', 'u');
    const id = fc.array(char, { minLength: 1, maxLength: 8 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(id, id, (a, b) => {
        const [shownA, shownB] = [shownId(a), shownId(b)];
        expect(shownA).not.toMatch(UNSAFE);
        if (a !== b) expect(shownA).not.toBe(shownB);
      }),
      { numRuns: 3000 },
    );
    for (const width of [1, 2, 59, 60, 61, 1000, 50_000]) {
      for (const filler of ['x', '\u202e', '😀', '"']) expect(shownId(filler.repeat(width)).length).toBeLessThanOrEqual(60);
    }
    expect(shownText('x'.repeat(1_000_000), 41)).toBe(`${'x'.repeat(40)}…`);
  });
});
