/**
 * Writing one bootstrap round's weights into the round table.
 * @internal
 * @module
 */
import { HIGH_WINS, LOW_WINS, UNSIDED, type Units } from './resamplingUnits.js';
import type { RoundTable } from './roundTable.js';

/**
 * Writes the round's weights into the round table: pair columns and per-datapoint
 * totals, a draw as half a win for each side. Returns the weight of the games whose
 * side is known, which the position effect needs. O(units + n + pairs).
 * @internal
 */
export function fillRoundTable(units: Units, round: RoundTable): number {
  const { wins, losses, draws, columns, weights } = round;
  wins.fill(0);
  losses.fill(0);
  draws.fill(0);
  for (const column of columns) column.fill(0);
  let sided = 0;
  for (let u = 0; u < weights.length; u++) {
    const weight = weights[u]!;
    if (weight === 0) continue;
    const k = units.pair[u]!;
    const kind = units.kind[u]!;
    const group = (kind / 3) | 0;
    const outcome = kind - 3 * group;
    const i = units.low[k]!;
    const j = units.high[k]!;
    const lowColumn = columns[2 * group]!;
    const highColumn = columns[2 * group + 1]!;
    if (outcome === LOW_WINS) {
      lowColumn[k]! += weight;
      wins[i]! += weight;
      losses[j]! += weight;
    } else if (outcome === HIGH_WINS) {
      highColumn[k]! += weight;
      wins[j]! += weight;
      losses[i]! += weight;
    } else {
      lowColumn[k]! += weight / 2;
      highColumn[k]! += weight / 2;
      draws[i]! += weight;
      draws[j]! += weight;
    }
    if (group !== UNSIDED) sided += weight;
  }
  return sided;
}
