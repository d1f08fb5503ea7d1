/**
 * One idle instance of the objects the Newton iterations' optimised code reads, kept for
 * the life of the process so that a fit after a garbage collection runs the code the
 * fits before it optimised.
 *
 * V8 compiles a hot function for the object shapes (hidden classes) it has seen, and a
 * shape lives only while some object has it. A fit's model, information matrix and
 * work vectors die with the fit; a full collection between two fits then frees their
 * shapes, throws away every function optimised for them, and the next fit ran in part
 * unoptimised and compiled them again: a fit of 100 000 records after two collections
 * took 95–125 ms instead of 45–55 (`node --trace-deopt` gives the reason as "weak
 * objects"). The anchor's objects come from the same constructors and literals as a
 * fit's, so they have the same shapes and keep them alive; the spanning-tree
 * preconditioner's too, for the sparse designs and weak priors that switch to it. It
 * holds arrays of length 0: about 4 KB in all, whatever the fits.
 * @internal
 * @module
 */
import { buildModel } from './bradleyTerryModel.js';
import type { ComparisonTableData } from './comparisonTableData.js';
import { componentsOf } from './componentCentring.js';
import { spanningTreePreconditioner, type Preconditioner } from './conjugateGradient.js';
import { JACOBI_ITERATIONS, NewtonIterations } from './penalisedNewton.js';
import { resolveBradleyTerryOptions } from './resolveBradleyTerryOptions.js';
import { treePreconditioner } from './spanningTreePreconditioner.js';

/** What the anchor holds. @internal */
export interface FitShapes {
  /** A table's data. */
  readonly data: ComparisonTableData;
  /** The Newton iterations over its model: the model, the information matrix, the work vectors and Jacobi's preconditioner. */
  readonly newton: NewtonIterations;
  /** The spanning-tree preconditioner over the same model, with its tree and connected groups. */
  readonly tree: Preconditioner;
}

let anchor: FitShapes | null = null;

/**
 * Makes the anchor, once (each fit calls it before it builds its own objects). O(1).
 * @internal
 */
export function anchorFitShapes(): void {
  if (anchor !== null) return;
  const noPairs = { low: new Float64Array(0), high: new Float64Array(0) };
  const empty: ComparisonTableData = {
    ids: Object.freeze([]),
    wins: new Float64Array(0),
    losses: new Float64Array(0),
    draws: new Float64Array(0),
    pairCount: 0,
    low: new Int32Array(0),
    high: new Int32Array(0),
    unsided: noPairs,
    lowLeft: noPairs,
    highLeft: noPairs,
  };
  // The same fields in the same order as the tables' data (arrayComparisonTable.ts, the builder): the same shape.
  const newton = new NewtonIterations(buildModel(empty, resolveBradleyTerryOptions({})), new Float64Array(0), JACOBI_ITERATIONS);
  // Made here, not by newton.useSpanningTree(), which keeps Jacobi's on a system this small.
  const components = componentsOf(newton.model);
  const tree = spanningTreePreconditioner(newton.model, newton.information, treePreconditioner(newton.model, components), components);
  anchor = { data: empty, newton, tree };
}

/**
 * The anchor's objects, made if need be: for the test that they have a fit's shapes.
 * @internal
 */
export function anchoredShapes(): FitShapes {
  anchorFitShapes();
  return anchor!;
}
