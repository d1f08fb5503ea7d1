// The shape anchor (shapeAnchor.ts) keeps a fit's optimised code across garbage
// collections only if its objects have the very hidden classes a fit's objects have.
// V8 says whether two objects share one through %HaveSameMap, a native that needs
// --allow-natives-syntax: the check runs in a child process, on an esbuild bundle of src/.
// A field added to a fit's literal in one place and not in the other, or in another
// order, gives another hidden class and fails here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/bradleyTerry/bradleyTerryModel.js';
import { comparisonTable } from '../../src/bradleyTerry/comparisonTable.js';
import { comparisonTableData } from '../../src/bradleyTerry/comparisonTableData.js';
import { jacobiPreconditioner, spanningTreePreconditioner } from '../../src/bradleyTerry/conjugateGradient.js';
import { componentsOf } from '../../src/bradleyTerry/componentCentring.js';
import { resolveBradleyTerryOptions } from '../../src/bradleyTerry/fitBradleyTerry.js';
import { emptyInformation } from '../../src/bradleyTerry/informationMatrix.js';
import { treePreconditioner } from '../../src/bradleyTerry/spanningTreePreconditioner.js';

const root = new URL('../..', import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), 'pairwise-elo-shape-anchor-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// What the child imports: the anchor and the pieces a fit builds its objects with.
const ENTRY = `
export { anchoredShapes } from '${root}src/bradleyTerry/shapeAnchor.ts';
export { buildModel } from '${root}src/bradleyTerry/bradleyTerryModel.ts';
export { readComparisonTable, ComparisonTableBuilder } from '${root}src/bradleyTerry/comparisonTable.ts';
export { comparisonTableData } from '${root}src/bradleyTerry/comparisonTableData.ts';
export { fitBradleyTerry, resolveBradleyTerryOptions } from '${root}src/bradleyTerry/fitBradleyTerry.ts';
export { JACOBI_ITERATIONS, NewtonIterations } from '${root}src/bradleyTerry/penalisedNewton.ts';
export { componentsOf } from '${root}src/bradleyTerry/componentCentring.ts';
export { spanningTreePreconditioner } from '${root}src/bradleyTerry/conjugateGradient.ts';
export { treePreconditioner } from '${root}src/bradleyTerry/spanningTreePreconditioner.ts';
`;

// Prints one line per object: its name and whether it has the anchor's hidden class.
const CHILD = String.raw`
import * as L from './bundle.mjs';
const records = [];
for (let k = 0; k < 5000; k++) {
  const i = (k * 7) % 60;
  const j = (i + 1 + ((k * 13) % 59)) % 60;
  records.push({ left: 'd' + i, right: 'd' + j, outcome: (k * 11) % 3 === 0 ? 'right' : 'left' });
}
const pairs = Array.from({ length: 59 }, (_, i) => ({ a: 'p' + i, b: 'p' + (i + 1), aWins: 2, bWins: 1 }));
L.fitBradleyTerry(records);
const anchor = L.anchoredShapes();
const anchorModel = anchor.newton.model;
const same = (name, a, b) => console.log(name + ' ' + %HaveSameMap(a, b));
const tables = {
  'long array, sides merged': L.readComparisonTable(records, 'comparisons', false),
  'long array, sides kept': L.readComparisonTable(records, 'comparisons', true),
  'short array': L.readComparisonTable(records.slice(0, 100), 'comparisons', true),
  'pair counts': L.readComparisonTable(pairs, 'comparisons', false),
};
for (const [name, table] of Object.entries(tables)) {
  const data = L.comparisonTableData(table);
  same('data of ' + name, data, anchor.data);
  const options = L.resolveBradleyTerryOptions(name === 'long array, sides kept' ? { positionEffect: true } : { prior: name === 'pair counts' ? 0 : 0.5 });
  const model = L.buildModel(data, options);
  same('model of ' + name, model, anchorModel);
  same('group of ' + name, model.groups[0], anchorModel.groups[0]);
  const newton = new L.NewtonIterations(model, new Float64Array(model.size), L.JACOBI_ITERATIONS);
  same('Newton iterations of ' + name, newton, anchor.newton);
  same('information of ' + name, newton.information, anchor.newton.information);
  same('work vectors of ' + name, newton.scratch, anchor.newton.scratch);
  same('preconditioner of ' + name, newton.preconditioner, anchor.newton.preconditioner);
  // The spanning tree, as sparse designs and weak priors take it (60 datapoints: past Jacobi's allowance).
  const components = L.componentsOf(model);
  same('connected groups of ' + name, components, anchor.tree.components);
  same('spanning tree of ' + name, L.treePreconditioner(model, components), anchor.tree.tree);
  newton.useSpanningTree();
  same('tree preconditioner of ' + name, newton.preconditioner, anchor.tree);
  same('Newton iterations on the tree of ' + name, newton, anchor.newton);
}
// Two collections free whatever nothing holds: the anchor's shapes stay the fits' shapes.
globalThis.gc();
globalThis.gc();
const data = L.comparisonTableData(L.readComparisonTable(records, 'comparisons', false));
same('model after two collections', L.buildModel(data, L.resolveBradleyTerryOptions({})), anchorModel);
`;

describe('shape anchor', () => {
  it('holds objects of the hidden classes every kind of fit makes, the spanning tree included', async () => {
    writeFileSync(join(folder, 'entry.ts'), ENTRY);
    await build({ entryPoints: [join(folder, 'entry.ts')], bundle: true, format: 'esm', platform: 'node', outfile: join(folder, 'bundle.mjs'), logLevel: 'silent' });
    writeFileSync(join(folder, 'child.mjs'), CHILD);
    const child = spawnSync(process.execPath, ['--allow-natives-syntax', '--expose-gc', join(folder, 'child.mjs')], { encoding: 'utf8' });
    // The status, not an empty stderr: options in NODE_OPTIONS may print warnings there.
    expect(child.status, child.stderr).toBe(0);
    const lines = child.stdout.trim().split('\n');
    // 4 tables × 11 objects, and the model after the collections.
    expect(lines).toHaveLength(45);
    for (const line of lines) expect(line, line).toMatch(/ true$/);
  }, 60_000);

  it('gives every preconditioner of a kind the same functions, whatever the fit', () => {
    // A function made per fit (a closure) would be a new call target each time; a method is one for good.
    const models = [
      buildModel(comparisonTableData(comparisonTable([{ left: 'a', right: 'b', outcome: 'left' }, { left: 'b', right: 'a', outcome: 'left' }]))!, resolveBradleyTerryOptions({})),
      buildModel(comparisonTableData(comparisonTable([{ a: 'x', b: 'y', aWins: 2, bWins: 1 }, { a: 'y', b: 'z', aWins: 1, bWins: 1 }]))!, resolveBradleyTerryOptions({})),
    ];
    const [first, second] = models.map((model) => {
      const information = emptyInformation(model);
      const components = componentsOf(model);
      return { jacobi: jacobiPreconditioner(model, information), tree: spanningTreePreconditioner(model, information, treePreconditioner(model, components), components) };
    });
    expect(first!.jacobi.apply).toBe(second!.jacobi.apply);
    expect(first!.jacobi.centre).toBe(second!.jacobi.centre);
    expect(first!.tree.apply).toBe(second!.tree.apply);
    expect(first!.tree.centre).toBe(second!.tree.centre);
    expect(first!.jacobi.apply).not.toBe(first!.tree.apply);
  });
});
