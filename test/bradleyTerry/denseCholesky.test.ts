import { describe, expect, it } from 'vitest';
import { CACHE_BLOCK, choleskyInPlace, lowerInverseByColumns } from '../../src/bradleyTerry/denseCholesky.js';
import { dot } from '../../src/bradleyTerry/dotProducts.js';
import { createRng } from '../../src/rng/createRng.js';

// Sizes around the block (16) and tile (4 rows, pairs of columns) edges, and a few larger.
const SIZES = [1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 19, 20, 31, 32, 33, 35, 47, 48, 49, 50, 63, 64, 65, 66, 67, 97, 130, 203];

/** An information-like matrix: a weighted graph Laplacian of a random design, plus `ridge` on the diagonal (row-major, full). */
function laplacian(seed: string, n: number, density: number, ridge: number): Float64Array {
  const rng = createRng(seed);
  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (rng() >= density) continue;
      const w = rng();
      matrix[i * n + j]! -= w;
      matrix[j * n + i]! -= w;
      matrix[i * n + i]! += w;
      matrix[j * n + j]! += w;
    }
  }
  for (let i = 0; i < n; i++) matrix[i * n + i]! += ridge;
  return matrix;
}

/**
 * The factor entry by entry, each sum in the order the kernel promises: in order of k, one
 * accumulator, except the pivots and the rows left over after the groups of four
 * (Σ with four accumulators, `dot`), as the code before the tiles summed them.
 */
function referenceCholesky(input: Float64Array, size: number): Float64Array {
  const matrix = input.slice();
  const sequential = (i: number, j: number): number => {
    let s = 0;
    for (let k = 0; k < j; k++) s += matrix[i * size + k]! * matrix[j * size + k]!;
    return s;
  };
  for (let blockStart = 0; blockStart < size; blockStart += CACHE_BLOCK) {
    const blockEnd = Math.min(blockStart + CACHE_BLOCK, size);
    for (let j = 0; j < blockEnd; j++) {
      const first = Math.max(blockStart, j + (j >= blockStart ? 1 : 0));
      if (j >= blockStart) matrix[j * size + j] = Math.sqrt(matrix[j * size + j]! - dot(matrix, j * size, matrix, j * size, j));
      for (let i = first; i < blockEnd; i++) {
        const inGroupOfFour = first + 4 * Math.floor((i - first) / 4) + 3 < blockEnd;
        const sum = inGroupOfFour ? sequential(i, j) : dot(matrix, i * size, matrix, j * size, j);
        matrix[i * size + j] = (matrix[i * size + j]! - sum) / matrix[j * size + j]!;
      }
    }
  }
  return matrix;
}

/** X = L⁻¹ column by column, X_ic = (δ_ic − Σ_{c≤k<i} L_ik·X_kc) / L_ii, each sum in order of k. */
function referenceInverse(factor: Float64Array, size: number): Float64Array {
  const inverse = new Float64Array(size * size);
  for (let c = 0; c < size; c++) {
    for (let i = c; i < size; i++) {
      let s = 0;
      for (let k = c; k < i; k++) s += inverse[c * size + k]! * factor[i * size + k]!;
      inverse[c * size + i] = ((i === c ? 1 : 0) - s) / factor[i * size + i]!;
    }
  }
  return inverse;
}

const sameBits = (actual: Float64Array, expected: Float64Array): boolean => actual.length === expected.length && actual.every((value, i) => Object.is(value, expected[i]));

describe('dense Cholesky factorisation and inverse (the exact standard errors)', () => {
  it.each(SIZES)('n = %i: the tiles sum each entry in the promised order, bit for bit', (n) => {
    for (const density of [0.3, 1]) {
      const matrix = laplacian(`tiles ${n} ${density}`, n, density, 0.01 + 1 / n);
      const factor = matrix.slice();
      expect(choleskyInPlace(factor, n)).toBe(true);
      // The upper triangle is left alone, by both.
      expect(sameBits(factor, referenceCholesky(matrix, n))).toBe(true);
      expect(sameBits(lowerInverseByColumns(factor, n), referenceInverse(factor, n))).toBe(true);
    }
  });

  it('factors and inverts: L·Lᵀ = M and L·X = I to rounding (n = 130)', () => {
    const n = 130;
    const matrix = laplacian('product', n, 0.2, 0.05);
    const factor = matrix.slice();
    choleskyInPlace(factor, n);
    const inverse = lowerInverseByColumns(factor, n);
    let scale = 0;
    for (let i = 0; i < n; i++) scale = Math.max(scale, matrix[i * n + i]!);
    let worstProduct = 0;
    let worstIdentity = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let product = 0;
        let identity = 0;
        for (let k = 0; k <= j; k++) product += factor[i * n + k]! * factor[j * n + k]!;
        for (let k = j; k <= i; k++) identity += factor[i * n + k]! * inverse[j * n + k]!;
        worstProduct = Math.max(worstProduct, Math.abs(product - matrix[i * n + j]!) / scale);
        worstIdentity = Math.max(worstIdentity, Math.abs(identity - (i === j ? 1 : 0)));
      }
    }
    expect(worstProduct).toBeLessThan(1e-13);
    expect(worstIdentity).toBeLessThan(1e-11);
  });

  it('replaces a pivot that is not positive by a tiny one and says so (a singular Laplacian)', () => {
    const n = 40;
    const factor = laplacian('singular', n, 0.5, 0);
    expect(choleskyInPlace(factor, n)).toBe(false);
    expect(factor.every(Number.isFinite)).toBe(true);
  });
});
