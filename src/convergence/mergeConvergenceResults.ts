/**
 * Joining the shards of a convergence sweep that ran on different machines.
 * @module
 */
import { canonicalJson } from '../persistence/checksum.js';
import { RankingInputError, describeValue } from '../errors.js';
import { sweepMetrics, type SweepMetric } from './convergenceMetrics.js';
import { checkConvergenceResults } from './checkConvergenceResults.js';
import { summariseCell } from './summariseCell.js';
import type { ConvergenceCell, ConvergenceResults } from './convergenceTypes.js';

/**
 * Joins the results of a sweep's shards (or of the whole sweep, or already merged
 * parts) into the results of the whole sweep: the same as one unsharded run, byte for
 * byte once serialised. Checks that every part ran the same config and that together
 * they hold every run of every cell exactly once. O(total runs).
 *
 * @param parts - Parsed `results.json` files, in any order.
 * @returns The whole sweep's {@link ConvergenceResults}, `shard: null`.
 * @throws {@link RankingInputError} naming the part and field for a part that is not a
 *   convergence result (a field of the wrong type, a cell whose parameters its config
 *   does not list, a value outside its metric's range such as a Kendall tau above 1, a
 *   summary that disagrees with its values), a config that differs from the first
 *   part's, a cell held twice, or missing runs (listed, with the shards that hold them).
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
  // An index loop: forEach would skip the holes of a sparse array.
  for (let i = 0; i < parts.length; i++) checkConvergenceResults(parts[i], `parts[${i}]`);
  const first = parts[0]!;
  const config = canonicalJson(first.config);
  const seeds = first.config.seeds;
  const metrics = sweepMetrics(first.config);
  // Per cell: the key of its first appearance, and every part's runs by seed index.
  const cells = new Map<number, { key: ConvergenceCell; runs: Map<number, Partial<Record<SweepMetric, number | null>>> }>();
  parts.forEach((part: ConvergenceResults, i: number) => {
    if (canonicalJson(part.config) !== config) {
      throw new RankingInputError(`parts[${i}].config`, 'differs from parts[0].config; only parts of the same sweep can be merged');
    }
    if (part.generator !== first.generator) {
      throw new RankingInputError(`parts[${i}].generator`, `is ${describeValue(part.generator)}, parts[0] is ${describeValue(first.generator)}; merge shards of one library version`);
    }
    if (part.totalCells !== first.totalCells) {
      throw new RankingInputError(`parts[${i}].totalCells`, `is ${part.totalCells}, parts[0] has ${first.totalCells}`);
    }
    part.cells.forEach((cell: ConvergenceCell, c: number) => {
      let entry = cells.get(cell.cell);
      if (entry === undefined) {
        entry = { key: cell, runs: new Map() };
        cells.set(cell.cell, entry);
      } else if (canonicalJson(cellKey(entry.key)) !== canonicalJson(cellKey(cell))) {
        throw new RankingInputError(`parts[${i}].cells[${c}]`, `describes cell ${cell.cell} differently from an earlier part`);
      }
      cell.seeds.forEach((seed, k) => {
        if (entry.runs.has(seed)) {
          throw new RankingInputError(`parts[${i}].cells[${c}].seeds[${k}]`, `run ${seed} of cell ${cell.cell} is in an earlier part too`);
        }
        const run: Partial<Record<SweepMetric, number | null>> = {};
        for (const metric of metrics) run[metric] = cell.values[metric]![k]!;
        entry.runs.set(seed, run);
      });
    });
  });
  const shardCount = parts.find((part) => part.shard !== null)?.shard?.count;
  const missing: string[] = [];
  const missingShards = new Set<number>();
  for (let cell = 0; cell < first.totalCells; cell++) {
    const runs = cells.get(cell)?.runs;
    for (let seed = 0; seed < seeds; seed++) {
      if (runs?.has(seed) === true) continue;
      if (missing.length < 10) missing.push(`cell ${cell} run ${seed}`);
      if (shardCount !== undefined) missingShards.add(((cell * seeds + seed) % shardCount) + 1);
    }
  }
  if (missing.length > 0) {
    const shards = shardCount === undefined ? '' : `; they belong to shard(s) ${[...missingShards].sort((a, b) => a - b).join(', ')} of ${shardCount}`;
    throw new RankingInputError('parts', `lack ${missing.join(', ')}${missing.length === 10 ? ', …' : ''}${shards}`);
  }
  const allSeeds = Array.from({ length: seeds }, (_, seed) => seed);
  return {
    format: first.format,
    version: first.version,
    generator: first.generator,
    config: first.config,
    shard: null,
    totalCells: first.totalCells,
    cells: [...cells.values()]
      .sort((a, b) => a.key.cell - b.key.cell)
      .map(({ key, runs }) => {
        const values: Partial<Record<SweepMetric, (number | null)[]>> = {};
        for (const metric of metrics) values[metric] = allSeeds.map((seed) => runs.get(seed)![metric]!);
        return summariseCell(key, allSeeds, values, metrics);
      }),
  };
}

// The parameters of a cell, without its runs and summaries.
function cellKey(cell: ConvergenceCell): Omit<ConvergenceCell, 'runs' | 'seeds' | 'values' | 'metrics'> {
  const { runs: _runs, seeds: _seeds, values: _values, metrics: _metrics, ...key } = cell;
  return key;
}
