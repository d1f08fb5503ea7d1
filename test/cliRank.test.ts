import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitBradleyTerry, updateElo, type Comparison } from '../src/index.js';

const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), 'pairwise-elo-rank-'));

function run(...args: string[]) {
  return runWithInput(undefined, ...args);
}

// Runs `rank` with `input` piped to its standard input.
function runWithInput(input: string | undefined, ...args: string[]) {
  const result = spawnSync(process.execPath, [cli, 'rank', ...args], { encoding: 'utf8', ...(input === undefined ? {} : { input }) });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

interface Entry {
  rank: number;
  datapoint: string;
  score: number;
  standardError?: number;
  halfWidth?: number;
  lower?: number;
  upper?: number;
  bestRank?: number;
  worstRank?: number;
  wins: number;
  losses: number;
  draws: number;
  comparisons: number;
}

function rankJson(...args: string[]) {
  return rankJsonWithInput(undefined, ...args);
}

function rankJsonWithInput(input: string | undefined, ...args: string[]) {
  const { status, stdout, stderr } = runWithInput(input, ...args, '--json');
  expect(stderr).toBe('');
  expect(status).toBe(0);
  return JSON.parse(stdout) as {
    scorer: string;
    rows: number;
    datapoints: number;
    pairs: number;
    file: string;
    format: string;
    delimiter: string | null;
    columns: string[] | null;
    columnMapping: { layout: string; left: string; right: string; outcome: string; labeler: string | null; weight: string | null } | null;
    positionEffect: { score: number; standardError: number; halfWidth: number; lower: number; upper: number; identified?: false } | null;
    bradleyTerry: { prior: number; intervalLevel: number | null } | null;
    elo: { kFactor: number; initialRating: number } | null;
    entries: Entry[];
  };
}

function scoresOf(entries: readonly Entry[]): Record<string, number> {
  return Object.fromEntries(entries.map((entry) => [entry.datapoint, entry.score]));
}

function expectUsageError(args: string[], ...parts: string[]) {
  return expectUsageErrorWithInput(undefined, args, ...parts);
}

function expectUsageErrorWithInput(input: string | undefined, args: string[], ...parts: string[]) {
  const { status, stdout, stderr } = runWithInput(input, ...args);
  expect(status).toBe(2);
  expect(stdout).toBe('');
  for (const part of parts) expect(stderr).toContain(part);
  return stderr;
}

// Agresti, "Categorical Data Analysis", 2nd ed. (2002), p. 448: journal a cited by
// journal b `a_wins` times, the reverse `b_wins` times (as in test/bradleyTerry).
const CITATIONS = `a,b,a_wins,b_wins
Biometrika,Comm Statist,730,33
Biometrika,JASA,498,320
Biometrika,JRSS-B,221,284
Comm Statist,JASA,68,813
Comm Statist,JRSS-B,17,276
JASA,JRSS-B,142,325
`;

const VOTES: readonly [string, string, 'left' | 'right' | 'draw'][] = [
  ['cat', 'dog', 'left'],
  ['dog', 'eel', 'left'],
  ['eel', 'cat', 'right'],
  ['cat', 'eel', 'draw'],
  ['eel', 'dog', 'left'],
  ['dog', 'cat', 'left'],
];

describe('pairwise-elo rank (bt)', () => {
  it('ranks a left,right,outcome CSV like fitBradleyTerry on the same records, with a header saying the scale', () => {
    const path = file('votes.csv', `left,right,outcome\n${VOTES.map((row) => row.join(',')).join('\n')}\n`);
    const { status, stdout, stderr } = run(path);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain(`Read 6 rows of ${path} (CSV, columns left,right,outcome): 3 datapoints, 3 distinct pairs.`);
    expect(stdout).toContain('Scale: Elo points, center 1200 (the mean score), 400 points = 10:1 odds.');
    expect(stdout).toMatch(/Scorer: bt, Bradley-Terry maximum likelihood with prior 0\.01/);
    expect(stdout).toMatch(/rank\s+datapoint\s+score\s+wins\s+losses\s+draws\s+comparisons/);

    const expected = fitBradleyTerry(VOTES.map(([left, right, outcome]): Comparison => ({ left, right, outcome })));
    const parsed = rankJson(path);
    expect(parsed.entries.map((entry) => entry.datapoint)).toEqual([...expected.entries].sort((a, b) => b.score - a.score).map((entry) => entry.datapoint));
    for (const entry of expected.entries) {
      const shown = parsed.entries.find((row) => row.datapoint === entry.datapoint)!;
      expect(shown.score).toBeCloseTo(entry.score, 9);
      expect(shown.standardError).toBeCloseTo(entry.standardError, 9);
      expect([shown.wins, shown.losses, shown.draws, shown.comparisons]).toEqual([entry.wins, entry.losses, entry.draws, entry.comparisons]);
    }
  });

  it('reads headers in any case with spaces, a BOM, CRLF, blank lines, tie, weight and labeler columns', () => {
    const plain = file('plain.csv', 'left,right,outcome,weight\na,b,left,2\nb,c,draw,1\nc,a,left,1\nb,a,left,1\n');
    const messy = file(
      'messy.csv',
      '\uFEFF Left , RIGHT,Outcome,weight,labeler_id\r\n\r\na,b,LEFT,2,ann\r\nb,c,tie,,bob\r\n   \r\nc,a,left,1,\r\nb,a,Left,1,ann\r\n',
    );
    expect(rankJson(messy).entries).toEqual(rankJson(plain).entries);
    expect(rankJson(messy).rows).toBe(4);
  });

  it('ranks winner,loser rows like the same games as pair counts', () => {
    const winners = file('winners.csv', 'winner,loser\na,b\na,b\nb,a\nb,c\nc,a\nc,b\n');
    const counts = file('counts.csv', 'a,b,a_wins,b_wins\na,b,2,1\nb,c,1,1\nc,a,1,0\n');
    expect(scoresOf(rankJson(winners).entries)).toEqual(scoresOf(rankJson(counts).entries));
    expectUsageError([winners, '--position-effect'], '--position-effect needs left,right,outcome rows');
  });

  it("ranks Agresti's citation counts with --prior 0: JRSS-B, Biometrika, JASA, Comm Statist, as published", () => {
    const path = file('citations.csv', CITATIONS);
    const parsed = rankJson(path, '--prior', '0');
    expect(parsed.entries.map((entry) => entry.datapoint)).toEqual(['JRSS-B', 'Biometrika', 'JASA', 'Comm Statist']);
    expect([parsed.rows, parsed.datapoints, parsed.pairs, parsed.bradleyTerry!.prior]).toEqual([6, 4, 6, 0]);
    // BradleyTerry2's estimate for Comm Statist against Biometrika, −2.9490725 logits, in Elo points.
    const scores = scoresOf(parsed.entries);
    expect(scores['Comm Statist']! - scores['Biometrika']!).toBeCloseTo((-2.9490725 * 400) / Math.LN10, 3);
    const { stdout } = run(path, '--prior', '0');
    expect(stdout.split('\n').filter((line) => /^\s+\d\s/.test(line)).map((line) => line.trim().split(/\s{2,}/)[1])).toEqual(['JRSS-B', 'Biometrika', 'JASA', 'Comm Statist']);
  });

  it('reads JSON Lines (by extension or by a first "{"), mixed layouts, camelCase and null fields', () => {
    const lines = [
      '{"left":"a","right":"b","outcome":"left","weight":null,"labelerId":"ann"}',
      '',
      '{"winner":"b","loser":"c"}',
      '{"a":"c","b":"a","aWins":1,"b_wins":0,"draws":1}',
      '{"left":"b","right":"a","outcome":"tie"}',
    ].join('\n');
    const jsonl = rankJson(file('mixed.jsonl', lines));
    const sniffed = rankJson(file('mixed.log', lines));
    expect(sniffed.entries).toEqual(jsonl.entries);
    expect([jsonl.format, jsonl.columns, jsonl.rows]).toEqual(['jsonl', null, 4]);
    const expected = fitBradleyTerry([
      { left: 'a', right: 'b', outcome: 'left' },
      { a: 'b', b: 'c', aWins: 1, bWins: 0 },
      { a: 'c', b: 'a', aWins: 1, bWins: 0, draws: 1 },
      { left: 'b', right: 'a', outcome: 'draw' },
    ]);
    for (const entry of expected.entries) expect(scoresOf(jsonl.entries)[entry.datapoint]).toBeCloseTo(entry.score, 9);
    expect(run(file('mixed.ndjson', lines)).stdout).toContain('JSON Lines: 2 left,right,outcome rows, 1 winner,loser rows, 1 pair-count rows');
  });

  it('reads quoted fields with commas and doubled quotes, and ids such as __proto__', () => {
    const path = file(
      'quoted.csv',
      'left,right,outcome\n"Smith, J.","say ""hi""",left\n__proto__,constructor,right\n "constructor" ,"Smith, J.",left\n"say ""hi""",__proto__,draw\nhasOwnProperty,__proto__,left\n',
    );
    const parsed = rankJson(path);
    expect(parsed.entries.map((entry) => entry.datapoint).sort()).toEqual(['Smith, J.', '__proto__', 'constructor', 'hasOwnProperty', 'say "hi"']);
    expect(parsed.entries.find((entry) => entry.datapoint === '__proto__')!.comparisons).toBe(3);
    expect(run(path).stdout).toMatch(/\s__proto__\s/);
  });

  it('--json gives the whole report', () => {
    const parsed = rankJson(file('shape.csv', CITATIONS));
    expect(Object.keys(parsed).sort()).toEqual(
      ['bradleyTerry', 'center', 'columnMapping', 'columns', 'datapoints', 'delimiter', 'elo', 'entries', 'file', 'format', 'pairs', 'positionEffect', 'rows', 'rowsByKind', 'scale', 'scorer'].sort(),
    );
    expect([parsed.delimiter, parsed.columnMapping]).toEqual([',', null]);
    expect(parsed.elo).toBeNull();
    expect(parsed.positionEffect).toBeNull();
    expect(Object.keys(parsed.bradleyTerry!).sort()).toEqual(['converged', 'intervalLevel', 'iterations', 'prior', 'standardErrorsExact']);
    expect(Object.keys(parsed.entries[0]!).sort()).toEqual(['comparisons', 'datapoint', 'draws', 'losses', 'rank', 'score', 'standardError', 'wins']);
    expect(parsed.entries.map((entry) => entry.rank)).toEqual([1, 2, 3, 4]);
  });

  it('--intervals gives score ± 1.96 SE and the best and worst rank each interval allows', () => {
    // A chain with a few upsets: some intervals overlap, some do not.
    const rows = ['left,right,outcome'];
    const names = ['p', 'q', 'r', 's', 't', 'u'];
    names.forEach((left, i) =>
      names.forEach((right, j) => {
        if (i === j) return;
        for (let k = 0; k < 4; k++) rows.push(`${left},${right},${(k + i + 2 * j) % 9 < 4 + Math.abs(i - j) ? (i < j ? 'left' : 'right') : i < j ? 'right' : 'left'}`);
      }),
    );
    const path = file('chain.csv', `${rows.join('\n')}\n`);
    const parsed = rankJson(path, '--intervals');
    expect(parsed.bradleyTerry!.intervalLevel).toBe(0.95);
    const n = parsed.entries.length;
    for (const entry of parsed.entries) {
      expect(entry.halfWidth).toBeCloseTo(1.959963984540054 * entry.standardError!, 9);
      expect(entry.lower).toBeCloseTo(entry.score - entry.halfWidth!, 9);
      expect(entry.upper).toBeCloseTo(entry.score + entry.halfWidth!, 9);
      const ahead = parsed.entries.filter((other) => other.lower! > entry.upper!).length;
      const behind = parsed.entries.filter((other) => other.upper! < entry.lower!).length;
      expect([entry.bestRank, entry.worstRank]).toEqual([1 + ahead, n - behind]);
      expect(entry.bestRank).toBeLessThanOrEqual(entry.rank);
      expect(entry.worstRank).toBeGreaterThanOrEqual(entry.rank);
    }
    expect(new Set(parsed.entries.map((entry) => `${entry.bestRank}-${entry.worstRank}`)).size).toBeGreaterThan(1);
    const { stdout } = run(path, '--intervals');
    expect(stdout).toMatch(/rank\s+datapoint\s+score\s+±\s+95% interval\s+ranks\s+wins/);
    expect(stdout).toMatch(/\[\d+\.\d, \d+\.\d\]\s+\d–\d/);
  });

  it('--position-effect recovers a planted left-side advantage', () => {
    // Expected counts under the model (weights need not be whole): true scores 0, 100, …,
    // 500 Elo points and a left advantage of 80, every ordered pair shown 100 times. The
    // maximum-likelihood estimate of expected counts is the truth itself.
    const truth = [0, 100, 200, 300, 400, 500];
    const planted = 80;
    const rows = ['left,right,outcome,weight'];
    truth.forEach((left, i) =>
      truth.forEach((right, j) => {
        if (i === j) return;
        const p = 1 / (1 + 10 ** ((right - left - planted) / 400));
        rows.push(`d${i},d${j},left,${100 * p}`, `d${i},d${j},right,${100 * (1 - p)}`);
      }),
    );
    const path = file('biased.csv', `${rows.join('\n')}\n`);
    const parsed = rankJson(path, '--position-effect', '--prior', '0');
    const effect = parsed.positionEffect!;
    expect(effect.score).toBeCloseTo(planted, 6);
    expect(effect.halfWidth).toBeCloseTo(1.959963984540054 * effect.standardError, 9);
    expect([effect.lower, effect.upper]).toEqual([effect.score - effect.halfWidth, effect.score + effect.halfWidth]);
    const scores = scoresOf(parsed.entries);
    for (let i = 1; i < truth.length; i++) expect(scores[`d${i}`]! - scores['d0']!).toBeCloseTo(truth[i]!, 6);
    expect(run(path, '--position-effect', '--prior', '0').stdout).toMatch(/Position effect: the left side is worth \+80\.0 ± \d+\.\d Elo points \(95%\)\./);
    // Without the position effect the fit still ranks them in order.
    expect(rankJson(path).entries.map((entry) => entry.datapoint)).toEqual(['d5', 'd4', 'd3', 'd2', 'd1', 'd0']);
  });

  it('--position-effect says so when the comparisons do not bound the effect', () => {
    // Every win in the cycle a > b > c > a went to the left side: a left advantage of any
    // size explains them at least as well as a finite one (quasi-separation).
    const path = file('separated.csv', 'left,right,outcome\na,b,left\nb,c,left\nc,a,left\nb,a,right\n');
    expect(rankJson(path, '--position-effect').positionEffect).toMatchObject({ identified: false });
    const { stdout } = run(path, '--position-effect');
    expect(stdout).toMatch(/Position effect: not estimated: the comparisons do not bound it/);
    expect(stdout).not.toMatch(/the left side is worth/);
  });

  it('reports infinite scores with --prior 0 as a usage error naming --prior', () => {
    expectUsageError([file('sweep.csv', 'winner,loser\na,b\na,c\nb,c\n'), '--prior', '0'], 'infinite', '--prior');
  });
});

describe('pairwise-elo rank (elo)', () => {
  it('replays the rows in file order with updateElo', () => {
    const path = file('elo.csv', `left,right,outcome\n${VOTES.map((row) => row.join(',')).join('\n')}\n`);
    const ratings = new Map<string, number>();
    for (const [left, right, outcome] of VOTES) {
      const [a, b] = updateElo(ratings.get(left) ?? 1200, ratings.get(right) ?? 1200, outcome === 'left' ? 1 : outcome === 'right' ? 0 : 0.5);
      ratings.set(left, a);
      ratings.set(right, b);
    }
    const parsed = rankJson(path, '--scorer', 'elo');
    expect(scoresOf(parsed.entries)).toEqual(Object.fromEntries(ratings));
    expect(parsed.entries.map((entry) => entry.score)).toEqual([...ratings.values()].sort((a, b) => b - a));
    expect(parsed.elo).toEqual({ kFactor: 40, initialRating: 1200 });
    expect([parsed.bradleyTerry, parsed.positionEffect, parsed.pairs, parsed.datapoints]).toEqual([null, null, 3, 3]);
    expect(parsed.entries.find((entry) => entry.datapoint === 'cat')).toMatchObject({ wins: 2, losses: 1, draws: 1, comparisons: 4 });

    // The order matters, unlike for bt.
    const reversed = file('elo-reversed.csv', `left,right,outcome\n${[...VOTES].reverse().map((row) => row.join(',')).join('\n')}\n`);
    expect(scoresOf(rankJson(reversed, '--scorer', 'elo').entries)).not.toEqual(scoresOf(parsed.entries));
    const { stdout } = run(path, '--scorer', 'elo');
    expect(stdout).toContain('Scorer: elo, ratings updated row by row in file order (start 1200, K 40).');
    expect(stdout).toContain('400 points = 10:1 odds');
  });

  it('takes --k-factor and --initial-rating; winner,loser rows; refuses pair counts', () => {
    const path = file('elo-winners.jsonl', '{"winner":"x","loser":"y"}\n{"winner":"y","loser":"z"}\n{"winner":"z","loser":"x","weight":0}\n');
    let [x, y] = updateElo(1500, 1500, 1, 16);
    let z: number;
    [y, z] = updateElo(y, 1500, 1, 16);
    const parsed = rankJson(path, '--scorer', 'elo', '--k-factor', '16', '--initial-rating', '1500');
    expect(scoresOf(parsed.entries)).toEqual({ x, y, z });
    expect(parsed.entries.find((entry) => entry.datapoint === 'x')).toMatchObject({ wins: 1, losses: 0, comparisons: 1 });
    expectUsageError([file('elo-counts.csv', CITATIONS), '--scorer', 'elo'], 'elo-counts.csv:2:', 'pair counts', '--scorer bradleyTerry');
  });
});

describe('pairwise-elo rank: bad input', () => {
  it('reports a malformed row with FILE:LINE and the column, printing nothing else', () => {
    const rows = ['left,right,outcome', 'a,b,left', 'b,c,right', '', 'c,a,draw', 'a,c,left', 'b,a,lft', 'c,b,left'];
    const path = file('bad-outcome.csv', `${rows.join('\n')}\n`);
    expectUsageError([path], `${path}:7:`, 'column outcome', '"lft"');
    expectUsageError([path, '--scorer', 'elo'], `${path}:7:`, 'column outcome');
    // A problem in the file is not a usage mistake: no help text after the message.
    expect(run(path).stderr).not.toContain('Usage:');
    const cases: [string, string, string[]][] = [
      ['same.csv', 'left,right,outcome\na,b,left\na,a,left\n', [':3:', 'same datapoint', 'column right']],
      ['fields.csv', 'left,right,outcome\na,b,left\na,b\n', [':3:', '2 fields where the header has 3', 'nothing for column outcome']],
      ['extra.csv', 'left,right,outcome\na,b,left,x\n', [':2:', '4 fields where the header has 3']],
      ['quote.csv', 'left,right,outcome\n"a,b,left\n', [':2:', 'does not close', 'spanning lines', 'column left']],
      ['after.csv', 'left,right,outcome\n"a"x,b,left\n', [':2:', 'after its closing quote', 'column left']],
      ['weight.csv', 'left,right,outcome,weight\na,b,left,1\na,b,left,-1\n', [':3:', 'finite number ≥ 0', '"-1"', 'column weight']],
      ['count.csv', 'a,b,a_wins,b_wins\nx,y,1,abc\n', [':2:', 'column b_wins']],
      ['empty-id.csv', 'winner,loser\nx,\n', [':2:', 'loser is empty', 'column loser']],
      ['json.jsonl', '{"left":"a","right":"b","outcome":"left"}\n{"left":"a",\n', [':2:', 'not valid JSON']],
      ['json-id.jsonl', '{"left":"a","right":"b","outcome":"left"}\n\n{"left":1,"right":"b","outcome":"left"}\n', [':3:', 'must be a string', 'field left']],
      ['json-field.jsonl', '{"left":"a","right":"b","outcome":"left","wieght":2}\n', [':1:', "unknown field 'wieght'"]],
      ['json-camel.jsonl', '{"a":"x","b":"y","aWins":-2,"bWins":1}\n', [':1:', 'field aWins']],
      ['json-array.jsonl', '{"left":"a","right":"b","outcome":"left"}\n[1,2]\n', [':2:', 'JSON object']],
    ];
    for (const [name, text, parts] of cases) expectUsageError([file(name, text)], ...parts.map((part) => (part.startsWith(':') ? `${name}${part}` : part)));
  });

  it('gives equal scores equal (competition) ranks, as job results do', () => {
    // A three-way cycle: every datapoint wins once and loses once, so all score 1200.
    const { entries } = rankJson(file('cycle.csv', 'left,right,outcome\na,b,left\nb,c,left\nc,a,left\n'));
    expect(entries.map((entry: Entry) => entry.rank)).toEqual([1, 1, 1]);
  });

  it('reports missing, unknown, repeated and mixed columns on the header line', () => {
    expectUsageError([file('missing.csv', 'left,right\na,b\n')], 'missing.csv:1:', 'lacks outcome', 'left,right,outcome');
    expectUsageError([file('unknown.csv', 'left,right,outcome,wieght\na,b,left,1\n')], 'unknown.csv:1:', "unknown column 'wieght'");
    expectUsageError([file('twice.csv', 'left,right,outcome,Left\na,b,left,a\n')], 'twice.csv:1:', "column 'Left' twice");
    expectUsageError([file('mixed.csv', 'left,right,outcome,draws\na,b,left,1\n')], 'mixed.csv:1:', "'draws' does not belong with left,right,outcome");
    expectUsageError([file('none.csv', 'x,y,z\na,b,c\n')], 'none.csv:1:', "matches no known layout: it names 3 columns, 'x', 'y', 'z'");
    expectUsageError([file('json-missing.jsonl', '{"a":"x","b":"y","aWins":1}\n')], 'json-missing.jsonl:1:', 'lacks b_wins', 'field b_wins');
  });

  it('reports empty, header-only, missing and unreadable files', () => {
    expectUsageError([file('empty.csv', '')], 'empty.csv is empty');
    expectUsageError([file('blank.jsonl', '\n  \n\n')], 'blank.jsonl is empty');
    expectUsageError([file('header.csv', 'winner,loser\n\n')], 'header.csv has a header but no comparisons');
    expectUsageError([join(folder, 'no-such-file.csv')], 'cannot read', 'no-such-file.csv', 'ENOENT');
    expectUsageError([folder], 'cannot read');
  });

  it('rejects bad flags with exit 2, naming the flag', () => {
    const path = file('flags.csv', CITATIONS);
    expectUsageError([], 'give the comparison file');
    expectUsageError([path, path], 'give one comparison file');
    expectUsageError([path, '--scorer', 'glicko'], '--scorer must be one of bradleyTerry, bt, elo');
    // bt is bradleyTerry, as everywhere in the API and CLI.
    expect(rankJson(path, '--scorer', 'bt')).toEqual(rankJson(path, '--scorer', 'bradleyTerry'));
    expect(rankJson(path).scorer).toBe('bradleyTerry');
    expectUsageError([path, '--prior', '-1'], '--prior');
    expectUsageError([path, '--prior', 'lots'], '--prior');
    expectUsageError([path, '--prior'], '--prior');
    expectUsageError([path, '--scorer', 'elo', '--intervals'], '--intervals needs --scorer bradleyTerry');
    expectUsageError([path, '--scorer', 'elo', '--position-effect'], '--position-effect needs --scorer bradleyTerry');
    expectUsageError([path, '--scorer', 'elo', '--prior', '1'], '--prior needs --scorer bradleyTerry');
    expectUsageError([path, '--k-factor', '20'], '--k-factor needs --scorer elo');
    expectUsageError([path, '--initial-rating', '1000'], '--initial-rating needs --scorer elo');
    expectUsageError([path, '--scorer', 'elo', '--k-factor', '0'], '--k-factor must be a number from 0.0004 to 400000000');
    expectUsageError([path, '--scorer', 'elo', '--initial-rating', 'x'], '--initial-rating');
    expectUsageError([path, '--intervalz'], "'--intervalz'");
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: pairwise-elo rank FILE');
  });
});

describe('pairwise-elo rank --k-factor', () => {
  it("takes exactly the library's K-factor range at scale 400, refusing the rest as a flag error (regression: (0, 1e9], then FILE:2 blamed the weight column)", () => {
    const path = file('k-factor.csv', 'left,right,outcome\na,b,left\nb,c,right\n');
    // requireKFactor's range at the CLI's scale: [400 / 1e6, min(1e9, 1e6 × 400)].
    for (const k of ['1e-5', '0.0003', '4.0000001e8', '5e8', '1e9', '0', '-40', '1e400', 'Infinity', 'NaN', 'forty', '']) {
      const stderr = expectUsageError([path, '--scorer', 'elo', `--k-factor=${k}`], `--k-factor must be a number from 0.0004 to 400000000, got '${k}'`);
      expect(stderr).not.toContain('k-factor.csv');
    }
    for (const k of ['0.0004', '400000000', '40']) {
      expect(rankJson(path, '--scorer', 'elo', '--k-factor', k).entries).toHaveLength(3);
    }
  });
});

// Expects two reports to rank the same datapoints with the same scores and counts.
function expectSameRanking(actual: readonly Entry[], expected: readonly Omit<Entry, 'rank'>[]) {
  expect(actual.map((entry) => entry.datapoint)).toEqual(expected.map((entry) => entry.datapoint));
  expect(actual.map((entry) => [entry.wins, entry.losses, entry.draws, entry.comparisons])).toEqual(expected.map((entry) => [entry.wins, entry.losses, entry.draws, entry.comparisons]));
  actual.forEach((entry, i) => expect(entry.score).toBeCloseTo(expected[i]!.score, 9));
}

describe('pairwise-elo rank: standard input', () => {
  const csv = `left,right,outcome\n${VOTES.map((row) => row.join(',')).join('\n')}\n`;
  const jsonl = `${VOTES.map(([left, right, outcome]) => JSON.stringify({ left, right, outcome })).join('\n')}\n`;

  it('reads CSV from "-" like the same file, named <stdin>', () => {
    const fromFile = rankJson(file('stdin-votes.csv', csv));
    const piped = rankJsonWithInput(csv, '-');
    expectSameRanking(piped.entries, fromFile.entries);
    expect([piped.file, piped.format, piped.delimiter, piped.rows]).toEqual(['<stdin>', 'csv', ',', 6]);
    expect(runWithInput(csv, '-').stdout).toContain('Read 6 rows of <stdin> (CSV, columns left,right,outcome): 3 datapoints, 3 distinct pairs.');
    expectSameRanking(rankJsonWithInput(csv, '-', '--scorer', 'elo').entries, rankJson(file('stdin-elo.csv', csv), '--scorer', 'elo').entries);
  });

  it('tells JSON Lines from CSV on "-" by the first non-blank character, "{"', () => {
    const piped = rankJsonWithInput(`\n  \n${jsonl}`, '-');
    expect([piped.format, piped.columns, piped.rows]).toEqual(['jsonl', null, 6]);
    expectSameRanking(piped.entries, rankJson(file('stdin-votes.jsonl', jsonl)).entries);
  });

  it('reports errors as <stdin>:LINE, and an empty input', () => {
    expectUsageErrorWithInput('left,right,outcome\na,b,left\n\nb,a,lft\n', ['-'], '<stdin>:4:', 'outcome must be left, right, draw or tie', 'column outcome');
    expectUsageErrorWithInput('{"left":"a","right":"b","outcome":"left"}\n{"left":"a"\n', ['-'], '<stdin>:2:', 'not valid JSON');
    expectUsageErrorWithInput('', ['-'], '<stdin> is empty');
    expectUsageErrorWithInput('winner,loser\n', ['-'], '<stdin> has a header but no comparisons');
    expectUsageErrorWithInput('winner,loser\na,b\n', ['-', '--position-effect'], '--position-effect needs left,right,outcome rows: <stdin> has none');
  });
});

describe('pairwise-elo rank: --delimiter', () => {
  // The same judgements as quoted.csv in the tests above: quoted ids hold the separator.
  const ids = { smith: 'Smith, J.', hi: 'say "hi"' };
  const comma = rankJson(file('delimited-comma.csv', 'left,right,outcome\n"Smith, J.","say ""hi""",left\ncat,"Smith, J.",right\n"say ""hi""",cat,draw\ncat,dog,left\n'));

  it('reads tab-separated files (--delimiter tab or \\t, or a .tsv name) with quoted fields holding tabs', () => {
    const tsv = 'left\tright\toutcome\n"Smith, J."\t"say ""hi"""\tleft\ncat\t"Smith, J."\tright\n"say ""hi"""\tcat\tdraw\ncat\tdog\tleft\n';
    for (const args of [[file('tabs.txt', tsv), '--delimiter', 'tab'], [file('tabs.csv', tsv), '--delimiter', '\\t'], [file('tabs.tsv', tsv)], ['-', '--delimiter', '\t']]) {
      const parsed = rankJsonWithInput(args[0] === '-' ? tsv : undefined, ...args);
      expect(parsed.delimiter).toBe('\t');
      expectSameRanking(parsed.entries, comma.entries);
    }
    const withTab = rankJson(file('tab-inside.tsv', 'winner\tloser\n"a\tb" \t c\nc\t"a\tb"\n"a\tb"\tc\n'));
    expect(withTab.entries.map((entry) => entry.datapoint)).toEqual(['a\tb', 'c']);
    expect(run(file('tabs-text.tsv', tsv)).stdout).toContain('(CSV separated by tabs, columns left,right,outcome)');
  });

  it('reads semicolon- and pipe-separated files with quoted fields holding the separator', () => {
    const semicolon = rankJson(
      file('semicolons.csv', 'left;right;outcome\n"Smith, J.";"say ""hi""";left\ncat;"Smith, J.";right\n"say ""hi""";cat;draw\ncat;dog;left\n'),
      '--delimiter',
      ';',
    );
    expect(semicolon.delimiter).toBe(';');
    expectSameRanking(semicolon.entries, comma.entries);
    const inside = rankJson(file('semicolon-inside.csv', 'winner;loser\n"Smith; J.";"say ""hi; there"""\n'), '--delimiter', ';');
    expect(inside.entries.map((entry) => entry.datapoint).sort()).toEqual(['Smith; J.', 'say "hi; there"']);
    const pipe = rankJson(file('pipes.csv', 'left|right|outcome\n"Smith, J."|"say ""hi"""|left\ncat|"Smith, J."|right\n"say ""hi"""|cat|draw\ncat|dog|left\n'), '--delimiter', '|');
    expectSameRanking(pipe.entries, comma.entries);
    expect(Object.values(ids).every((id) => pipe.entries.some((entry) => entry.datapoint === id))).toBe(true);
  });

  it('refuses other separators, --delimiter with JSON Lines, and hints at the right one', () => {
    const path = file('delimiter-flag.csv', 'winner,loser\na,b\n');
    for (const bad of [':', 'comma', ',,', ' ']) expectUsageError([path, '--delimiter', bad], "--delimiter must be ',', 'tab' (or '\\t'), ';' or '|'");
    expectUsageError([file('delimiter.jsonl', '{"winner":"a","loser":"b"}\n'), '--delimiter', ';'], '--delimiter is for CSV', 'JSON Lines');
    expectUsageErrorWithInput('{"winner":"a","loser":"b"}\n', ['-', '--delimiter', 'tab'], '<stdin>:1:', '--delimiter is for CSV');
    expectUsageError([file('semicolons-unsaid.csv', 'left;right;outcome\na;b;left\n')], 'semicolons-unsaid.csv:1:', "'left;right;outcome'", 'try --delimiter \';\'');
    expectUsageErrorWithInput('left\tright\toutcome\na\tb\tleft\n', ['-'], '<stdin>:1:', "'left\\tright\\toutcome'", 'try --delimiter tab');
    // Fields are counted with the separator given: a comma file read with ';' has one column.
    expectUsageError([file('wrong-separator.csv', 'winner,loser\na,b\n'), '--delimiter', ';'], 'wrong-separator.csv:1:', "try --delimiter ','");
  });
});

// Eight battles among three models, with both kinds of tie and the extra columns of the
// public dumps. By hand (left = model_a): gpt beats claude (rows 1, 2) and llama (3) and
// loses to claude (7); claude beats llama (5, 8); llama draws with claude (4, tie) and
// with gpt (6, tie (bothbad)). So gpt 3-1-1, claude 3-2-1, llama 0-3-2 (wins, losses,
// draws), 3 distinct pairs.
const ARENA_BATTLES: readonly [string, string, string][] = [
  ['gpt', 'claude', 'model_a'],
  ['claude', 'gpt', 'model_b'],
  ['gpt', 'llama', 'model_a'],
  ['llama', 'claude', 'tie'],
  ['claude', 'llama', 'model_a'],
  ['llama', 'gpt', 'tie (bothbad)'],
  ['gpt', 'claude', 'model_b'],
  ['llama', 'claude', 'model_b'],
];
const ARENA_RECORDS: Comparison[] = ARENA_BATTLES.map(([left, right, winner]) => ({
  left,
  right,
  outcome: winner === 'model_a' ? 'left' : winner === 'model_b' ? 'right' : 'draw',
}));
const ARENA_COUNTS = { gpt: [3, 1, 1, 5], claude: [3, 2, 1, 6], llama: [0, 3, 2, 5] };

describe('pairwise-elo rank: Chatbot Arena battle dumps', () => {
  const csv = `question_id,model_a,model_b,winner,judge,turn,language,tstamp\n${ARENA_BATTLES.map(([a, b, winner], i) => `q${i},${a},${b},${winner},arena_user_${i % 3},1,English,${1_700_000_000 + i}`).join('\n')}\n`;

  it('recognises model_a,model_b,winner: model_a left, model_b right, both ties draws, other columns ignored', () => {
    const parsed = rankJson(file('arena.csv', csv));
    const expected = fitBradleyTerry(ARENA_RECORDS);
    expectSameRanking(parsed.entries, [...expected.entries].sort((a, b) => b.score - a.score));
    expect(Object.fromEntries(parsed.entries.map((entry) => [entry.datapoint, [entry.wins, entry.losses, entry.draws, entry.comparisons]]))).toEqual(ARENA_COUNTS);
    expect(parsed.entries.map((entry) => entry.datapoint)).toEqual(['gpt', 'claude', 'llama']);
    expect([parsed.rows, parsed.datapoints, parsed.pairs]).toEqual([8, 3, 3]);
    expect(parsed.columnMapping).toMatchObject({ layout: 'chatbot-arena', left: 'model_a', right: 'model_b', outcome: 'winner', labeler: 'judge', weight: null });
    const textPath = file('arena-text.csv', csv);
    expect(run(textPath).stdout).toContain(
      `Read 8 rows of ${textPath} (CSV, Chatbot Arena layout: model_a as left, model_b as right, winner as outcome, judge as labeler; 4 other columns ignored): 3 datapoints, 3 distinct pairs.`,
    );
    // The sides are known, so the position effect can be fitted.
    expect(rankJson(file('arena-position.csv', csv), '--position-effect').positionEffect).not.toBeNull();
  });

  it('reads the same battles as JSON Lines (the first object decides), without a judge, and on standard input', () => {
    const objects = ARENA_BATTLES.map(([model_a, model_b, winner], i) => JSON.stringify({ question_id: `q${i}`, model_a, model_b, winner, judge: i === 0 ? null : `u${i}`, turn: 1, conv_metadata: { sum_user_tokens: 12 } }));
    const jsonl = rankJson(file('arena.jsonl', `${objects.join('\n')}\n`));
    const fromCsv = rankJson(file('arena-same.csv', csv));
    expectSameRanking(jsonl.entries, fromCsv.entries);
    expect(jsonl.columnMapping).toMatchObject({ layout: 'chatbot-arena', labeler: 'judge' });
    expectSameRanking(rankJsonWithInput(`${objects.join('\n')}\n`, '-').entries, fromCsv.entries);
    const noJudge = rankJson(file('arena-no-judge.csv', `model_a,model_b,winner\n${ARENA_BATTLES.map((row) => row.join(',')).join('\n')}\n`));
    expectSameRanking(noJudge.entries, fromCsv.entries);
    expect(noJudge.columnMapping!.labeler).toBeNull();
    // elo replays the battles in file order, left = model_a.
    const ratings = new Map<string, number>();
    for (const record of ARENA_RECORDS as { left: string; right: string; outcome: string }[]) {
      const [a, b] = updateElo(ratings.get(record.left) ?? 1200, ratings.get(record.right) ?? 1200, record.outcome === 'left' ? 1 : record.outcome === 'right' ? 0 : 0.5);
      ratings.set(record.left, a);
      ratings.set(record.right, b);
    }
    expect(scoresOf(rankJson(file('arena-elo.csv', csv), '--scorer', 'elo').entries)).toEqual(Object.fromEntries(ratings));
  });

  it('reports an unknown winner, a missing column and a non-string judge with FILE:LINE', () => {
    expectUsageError(
      [file('arena-bad.csv', 'model_a,model_b,winner\na,b,model_a\na,b,model_c\n')],
      'arena-bad.csv:3:',
      "winner must be 'model_a' (left wins), 'model_b' (right wins), 'tie' or 'tie (bothbad)' (a draw)",
      '"model_c"',
      'column winner',
    );
    expectUsageError([file('arena-lacks.csv', 'model_a,model_b,turn\na,b,1\n')], 'arena-lacks.csv:1:', "lacks the column 'winner'", 'model_a, model_b, winner', "'turn'");
    expectUsageError([file('arena-same.jsonl', '{"model_a":"a","model_b":"a","winner":"tie"}\n')], 'arena-same.jsonl:1:', 'same datapoint', 'field model_b');
    expectUsageError([file('arena-judge.jsonl', '{"model_a":"a","model_b":"b","winner":"tie","judge":7}\n')], 'arena-judge.jsonl:1:', 'judge must be a string', 'field judge');
    expectUsageError(
      [file('arena-late.jsonl', '{"winner":"a","loser":"b"}\n{"model_a":"a","model_b":"b","winner":"tie"}\n')],
      'arena-late.jsonl:2:',
      "unknown field 'model_a'",
      'recognised when the first object is one',
    );
  });
});

describe('pairwise-elo rank: --columns and --outcome-values', () => {
  // An export with its own names and words: A and B for the sides, same or both for a draw.
  const prefs = [
    'ID,Image_A,Image_B,Choice,Rater,Votes,Note',
    '1,p,q,A,ann,2,"first, and best"',
    '2,q,r,same,bob,1,',
    '3,r,p,b,ann,,',
    '4,q,p,B,,1,x',
    '5,r,q,Both,bob,0.5,',
  ].join('\n');
  const expectedRecords: Comparison[] = [
    { left: 'p', right: 'q', outcome: 'left', weight: 2 },
    { left: 'q', right: 'r', outcome: 'draw', weight: 1 },
    { left: 'r', right: 'p', outcome: 'right', weight: 1 },
    { left: 'q', right: 'p', outcome: 'right', weight: 1 },
    { left: 'r', right: 'q', outcome: 'draw', weight: 0.5 },
  ];
  const flags = ['--columns', 'left=image_a,right=image_b,outcome=choice,labeler=rater,weight=votes', '--outcome-values', 'left=A,right=B,draw=same,draw=both'];

  it('reads the columns named (in any case), matches the values given (in any case) and ignores the rest', () => {
    const parsed = rankJson(file('prefs.csv', prefs), ...flags);
    const expected = fitBradleyTerry(expectedRecords);
    expectSameRanking(parsed.entries, [...expected.entries].sort((a, b) => b.score - a.score));
    expect(parsed.columnMapping).toMatchObject({ layout: 'columns', left: 'image_a', right: 'image_b', outcome: 'choice', labeler: 'rater', weight: 'votes' });
    expect(run(file('prefs-text.csv', prefs), ...flags).stdout).toContain(
      '(CSV, --columns: image_a as left, image_b as right, choice as outcome, rater as labeler, votes as weight; 2 other columns ignored)',
    );
    // Without --outcome-values the outcome words are left, right, draw and tie.
    const plain = rankJson(file('prefs-plain.csv', 'who,x,y,result\nann,p,q,LEFT\nbob,q,r,tie\n'), '--columns', 'left=x,right=y,outcome=result');
    expect(plain.entries.find((entry) => entry.datapoint === 'q')).toMatchObject({ wins: 0, losses: 1, draws: 1 });
  });

  it('maps JSON Lines fields (exact names; other fields ignored, numbers matched as text)', () => {
    const lines = expectedRecords.map((record, i) => {
      const { left, right, outcome, weight } = record as { left: string; right: string; outcome: string; weight: number };
      return JSON.stringify({ id: i, a: left, b: right, pick: outcome === 'left' ? 1 : outcome === 'right' ? 2 : 0, w: weight, extra: [1, 2] });
    });
    const parsed = rankJson(file('prefs.jsonl', `${lines.join('\n')}\n`), '--columns', 'left=a,right=b,outcome=pick,weight=w', '--outcome-values', 'left=1,right=2,draw=0');
    expectSameRanking(parsed.entries, rankJson(file('prefs-again.csv', prefs), ...flags).entries);
    expectUsageError([file('prefs-case.jsonl', '{"A":"p","b":"q","pick":1}\n'), '--columns', 'left=a,right=b,outcome=pick', '--outcome-values', 'left=1,right=2'], 'prefs-case.jsonl:1:', 'a is missing', 'field a');
  });

  it('reports values and headers the mapping does not fit with FILE:LINE', () => {
    const path = file('prefs-bad.csv', `${prefs}\n6,p,r,C,ann,1,\n`);
    expectUsageError([path, ...flags], 'prefs-bad.csv:7:', "choice must be 'A' (left wins), 'B' (right wins), 'same' or 'both' (a draw)", '"C"', '--outcome-values', 'column choice');
    expectUsageError([path, '--columns', 'left=image_a,right=image_c,outcome=choice'], 'prefs-bad.csv:1:', "lacks the column 'image_c' that --columns reads as right", "'ID', 'Image_A'");
    expectUsageError([file('prefs-twice.csv', 'x,X,y,o\na,b,c,left\n'), '--columns', 'left=x,right=y,outcome=o'], 'prefs-twice.csv:1:', "names column 'x' twice");
    expectUsageError([file('prefs-weight.csv', 'x,y,o,w\na,b,left,-1\n'), '--columns', 'left=x,right=y,outcome=o,weight=w'], 'prefs-weight.csv:2:', 'w must be a finite number ≥ 0', 'column w');
  });

  it('refuses malformed --columns and --outcome-values, naming the flag', () => {
    const path = file('prefs-flags.csv', prefs);
    const cases: [string[], string][] = [
      [['--columns', 'left=image_a,right=image_b'], '--columns lacks outcome=COL'],
      [['--columns', 'left=image_a,right=image_b,outcome=choice,winner=x'], "--columns has an unknown key 'winner': the keys are left, right, outcome, labeler, weight"],
      [['--columns', 'left=image_a,right=image_b,outcome=choice,left=id'], '--columns names left twice'],
      [['--columns', 'left=image_a,right=Image_A,outcome=choice'], "--columns reads left and right from the same column 'Image_A'"],
      [['--columns', 'left=image_a,right,outcome=choice'], '--columns must be left=COL,right=COL,outcome=COL[,labeler=COL][,weight=COL], got the entry "right"'],
      [['--columns', 'left=image_a,right=image_b,outcome='], '--columns must be'],
      [['--outcome-values', 'left=A,right=B'], '--outcome-values needs --columns'],
      [['--columns', 'left=image_a,right=image_b,outcome=choice', '--outcome-values', 'left=A,draw=same'], '--outcome-values lacks right=VALUE'],
      [['--columns', 'left=image_a,right=image_b,outcome=choice', '--outcome-values', 'left=A,right=a'], "--outcome-values gives 'a' twice, for left and for right"],
      [['--columns', 'left=image_a,right=image_b,outcome=choice', '--outcome-values', 'left=A,right=B,loss=C'], "--outcome-values has an unknown key 'loss': the keys are left, right, draw"],
    ];
    for (const [args, message] of cases) expectUsageError([path, ...args], message);
  });
});

describe('pairwise-elo rank: a header of no known layout', () => {
  it('names the columns it saw, at most 20 and each cut to 40 characters, and the layouts and flags that would work', () => {
    const names = Array.from({ length: 300 }, (_, i) => `column_${i}_${'x'.repeat(200)}`);
    const path = file('wide.csv', `${names.join(',')}\n${names.map(() => '1').join(',')}\n`);
    const stderr = expectUsageError(
      [path],
      'wide.csv:1: the header matches no known layout: it names 300 columns, ',
      `'${names[0]!.slice(0, 40)}…', '${names[1]!.slice(0, 40)}…'`,
      'and 280 more',
      'left,right,outcome',
      'winner,loser',
      'a,b,a_wins,b_wins',
      'model_a,model_b,winner',
      '--columns left=COL,right=COL,outcome=COL',
      '--outcome-values',
    );
    expect(stderr).not.toContain(names[20]!.slice(0, 12));
    expect(stderr.length).toBeLessThan(1500);
    // One enormous name is cut too.
    const huge = expectUsageError([file('huge-name.csv', `${'y'.repeat(100_000)}\na\n`)], 'huge-name.csv:1:', `it names 1 column, '${'y'.repeat(40)}…'`);
    expect(huge.length).toBeLessThan(1000);
    const unknown = expectUsageError([file('huge-unknown.csv', `left,right,outcome,${'z'.repeat(100_000)}\na,b,left,1\n`)], 'huge-unknown.csv:1:', `unknown column '${'z'.repeat(40)}…'`, '--columns');
    expect(unknown.length).toBeLessThan(1000);
  });
});
