/**
 * Joining the shards of a convergence sweep that ran on different machines.
 * @module
 */
import { canonicalJson } from '../persistence/checksum.js';
import { RankingInputError, describeValue } from '../errors.js';
import { RANKING_METRICS } from '../metrics/rankingAccuracy.js';
import type { ConvergenceCell, ConvergenceResults } from './convergenceTypes.js';

/**
 * Joins the results of a sweep's shards (or of the whole sweep, or already merged
 * parts) into the results of the whole sweep: the same as one unsharded run, byte for
 * byte once serialised. Checks that every part ran the same config and that together
 * they hold every cell exactly once. O(total cells).
 *
 * @param parts - Parsed `results.json` files, in any order.
 * @returns The whole sweep's {@link ConvergenceResults}, `shard: null`.
 * @throws {@link RankingInputError} naming the part and field for a part that is not a
 *   convergence result, a config that differs from the first part's, a cell held twice,
 *   or missing cells (listed, with the shards that hold them).
 * @example
 * ```ts
 * const parts = await Promise.all(dirs.map(async (dir) => JSON.parse(await readFile(`${dir}/results.json`, 'utf8'))));
 * const whole = mergeConvergenceResults(parts);
 * ```
 */
export function mergeConvergenceResults(parts: readonly ConvergenceResults[]): ConvergenceResults {
  if (!Array.isArray(parts) || parts.length === 0) {
    throw new RankingInputError('parts', `must be a non-empty array of convergence results, got ${describeValue(parts)}`);
  }
  parts.forEach((part: unknown, i) => checkPart(part, `parts[${i}]`));
  const first = parts[0]!;
  const config = canonicalJson(first.config);
  const cells = new Map<number, ConvergenceCell>();
  parts.forEach((part: ConvergenceResults, i: number) => {
    if (canonicalJson(part.config) !== config) {
      throw new RankingInputError(`parts[${i}].config`, 'differs from parts[0].config; only shards of the same sweep can be merged');
    }
    if (part.totalCells !== first.totalCells) {
      throw new RankingInputError(`parts[${i}].totalCells`, `is ${part.totalCells}, parts[0] has ${first.totalCells}`);
    }
    part.cells.forEach((cell: ConvergenceCell, c: number) => {
      if (cells.has(cell.cell)) throw new RankingInputError(`parts[${i}].cells[${c}]`, `holds cell ${cell.cell}, which an earlier part holds too`);
      cells.set(cell.cell, cell);
    });
  });
  const missing: number[] = [];
  for (let cell = 0; cell < first.totalCells; cell++) if (!cells.has(cell)) missing.push(cell);
  if (missing.length > 0) {
    const shardCount = parts.find((part) => part.shard !== null)?.shard?.count;
    const shards =
      shardCount === undefined ? '' : `; they belong to shard(s) ${[...new Set(missing.map((cell) => (cell % shardCount) + 1))].join(', ')} of ${shardCount}`;
    throw new RankingInputError('parts', `lack cell(s) ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}${shards}`);
  }
  return {
    format: first.format,
    version: first.version,
    config: first.config,
    shard: null,
    totalCells: first.totalCells,
    cells: [...cells.values()].sort((a, b) => a.cell - b.cell),
  };
}

function checkPart(part: unknown, path: string): asserts part is ConvergenceResults {
  const object = part as Partial<Record<keyof ConvergenceResults, unknown>> | null;
  if (typeof part !== 'object' || object === null || object.format !== 'pairwise-elo/convergence') {
    throw new RankingInputError(`${path}.format`, 'must be "pairwise-elo/convergence": not the results of a convergence sweep');
  }
  if (object.version !== 1) throw new RankingInputError(`${path}.version`, `must be 1, got ${describeValue(object.version)}`);
  if (typeof object.config !== 'object' || object.config === null) throw new RankingInputError(`${path}.config`, 'must be an object');
  const total = object.totalCells;
  if (typeof total !== 'number' || !Number.isSafeInteger(total) || total < 1) {
    throw new RankingInputError(`${path}.totalCells`, `must be a positive integer, got ${describeValue(total)}`);
  }
  if (!Array.isArray(object.cells)) throw new RankingInputError(`${path}.cells`, 'must be an array');
  object.cells.forEach((cell: unknown, c) => {
    const entry = cell as Partial<ConvergenceCell> | null;
    const index = entry?.cell;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= total) {
      throw new RankingInputError(`${path}.cells[${c}].cell`, `must be an integer in [0, ${total}), got ${describeValue(index)}`);
    }
    for (const metric of RANKING_METRICS) {
      if (typeof entry?.metrics?.[metric] !== 'object' || entry.metrics[metric] === null) {
        throw new RankingInputError(`${path}.cells[${c}].metrics.${metric}`, 'is missing');
      }
    }
  });
}
