// Smoke test of the speed benchmark (`npm run bench`): its quick mode runs every figure
// on the built package and writes a JSON report with a ratio and a verdict for each. No
// timing is asserted here; the targets are enforced by the full benchmark only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = new URL('../bench/speed.bench.mjs', import.meta.url).pathname;

interface Figure {
  id: string;
  target: number | null;
  ratio: { median: number; q1: number; q3: number; runs: number[] };
  library: { ns: { median: number } };
  reference: { ns: { median: number } };
  margin: number;
  verdict: string;
  enforced: boolean;
}

describe('bench/speed.bench.mjs --quick', () => {
  it('measures every figure beside its reference and writes the report', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'pairwise-elo-speed-')), 'speed.json');
    const result = spawnSync(process.execPath, [script, '--quick', '--json', '--out', out], { encoding: 'utf8' });
    expect(result.stderr).not.toContain('Error');
    expect(result.status).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { quick: boolean; failed: boolean; noise: { margin: number }; figures: Figure[] };
    expect(JSON.parse(result.stdout)).toEqual(report);
    expect(report.quick).toBe(true);
    expect(report.failed).toBe(false);
    expect(Number.isFinite(report.noise.margin)).toBe(true);
    const targets = Object.fromEntries(report.figures.map((figure) => [figure.id, figure.target]));
    expect(targets).toEqual({
      a: 3,
      'a.eloRank': null,
      'a.openskill': null,
      b: 1.5,
      'c.1000': 8,
      'c.2000': null,
      'c.4000': null,
      'c.growth.2000': 2,
      'c.growth.4000': 3,
      d: 2,
      'e.large': 2,
      'e.small': 1.5,
    });
    for (const figure of report.figures) {
      expect(figure.ratio.runs).toHaveLength(3);
      for (const value of [figure.ratio.median, figure.library.ns.median, figure.reference.ns.median, figure.margin]) {
        expect(Number.isFinite(value) && value > 0).toBe(true);
      }
      expect(figure.enforced).toBe(false);
      expect(['met', 'within noise', 'NOT met', 'information']).toContain(figure.verdict);
    }
  });
});
