/**
 * Dense triangular algebra for the exact standard errors: the Cholesky factorisation
 * (Golub & Van Loan, "Matrix Computations", 4th ed., §4.2) and the inverse of its
 * factor, row-major, a block of rows at a time.
 *
 * Each entry is a dot product summed in one fixed order, and the loops compute eight
 * such sums side by side (four rows by two columns, or two rows by four): a sum's
 * additions wait on each other, so the speed of these loops is how many independent
 * sums are in flight, and each number loaded serves two or four of them. The order of
 * each single sum is the one a plain loop over k would use, so the tiles change the
 * speed, never a bit of the result.
 * @internal
 * @module
 */
import { dot, dotFour } from './dotProducts.js';

/**
 * The dense loops work on blocks of this many rows (or columns) so that the block stays
 * in cache while the other rows stream past once per block: 16 rows of 2 000 numbers
 * is 256 KiB. JavaScript has no SIMD, so this and the tiles are what is left.
 * @internal
 */
export const CACHE_BLOCK = 16;

/**
 * Cholesky factorisation M = LLᵀ in place (row-major, lower triangle; the upper is
 * left alone): the dot-product form of Golub & Van Loan, "Matrix Computations", 4th
 * ed., §4.2, computed a block of rows at a time. Returns false when a pivot was not
 * positive (the information is numerically singular) and was replaced by a tiny one,
 * so the variances come out huge but finite. n³/6 multiply-adds.
 * @internal
 */
export function choleskyInPlace(matrix: Float64Array, size: number): boolean {
  let largestDiagonal = 0;
  for (let i = 0; i < size; i++) largestDiagonal = Math.max(largestDiagonal, matrix[i * size + i]!);
  const floor = Math.max(largestDiagonal, 1) * 1e-14;
  let exact = true;
  const sums = new Float64Array(4);
  for (let blockStart = 0; blockStart < size; blockStart += CACHE_BLOCK) {
    const blockEnd = Math.min(blockStart + CACHE_BLOCK, size);
    // Columns left of the block, two at a time over groups of four of its rows.
    let j = 0;
    if (blockEnd - blockStart >= 4) {
      for (; j + 1 < blockStart; j += 2) {
        let i = blockStart;
        for (; i + 3 < blockEnd; i += 4) factorTile(matrix, size, i, j);
        for (; i < blockEnd; i++) {
          for (let c = j; c < j + 2; c++) matrix[i * size + c] = (matrix[i * size + c]! - dot(matrix, i * size, matrix, c * size, c)) / matrix[c * size + c]!;
        }
      }
    }
    for (; j < blockEnd; j++) {
      const rowJ = j * size;
      let i = Math.max(blockStart, j);
      if (i === j) {
        let pivot = matrix[rowJ + j]! - dot(matrix, rowJ, matrix, rowJ, j);
        if (!(pivot > floor)) {
          exact = false;
          pivot = floor;
        }
        matrix[rowJ + j] = Math.sqrt(pivot);
        i++;
      }
      const pivot = matrix[rowJ + j]!;
      for (; i + 3 < blockEnd; i += 4) {
        dotFour(matrix, rowJ, matrix, i * size, (i + 1) * size, (i + 2) * size, (i + 3) * size, j, sums);
        for (let r = 0; r < 4; r++) matrix[(i + r) * size + j] = (matrix[(i + r) * size + j]! - sums[r]!) / pivot;
      }
      for (; i < blockEnd; i++) matrix[i * size + j] = (matrix[i * size + j]! - dot(matrix, i * size, matrix, rowJ, j)) / pivot;
    }
  }
  return exact;
}

// L_ic for rows i…i+3 and columns c = j, j + 1 (rows j and j + 1 already factored):
// (M_ic − Σ_{k<c} L_ik·L_ck) / L_cc, each sum in order of k as `dotFour` adds it.
function factorTile(matrix: Float64Array, size: number, i: number, j: number): void {
  const a = j * size;
  const b = a + size;
  const r0 = i * size;
  const r1 = r0 + size;
  const r2 = r1 + size;
  const r3 = r2 + size;
  let s00 = 0;
  let s10 = 0;
  let s20 = 0;
  let s30 = 0;
  let s01 = 0;
  let s11 = 0;
  let s21 = 0;
  let s31 = 0;
  for (let k = 0; k < j; k++) {
    const x = matrix[a + k]!;
    const y = matrix[b + k]!;
    const l0 = matrix[r0 + k]!;
    const l1 = matrix[r1 + k]!;
    const l2 = matrix[r2 + k]!;
    const l3 = matrix[r3 + k]!;
    s00 += l0 * x;
    s10 += l1 * x;
    s20 += l2 * x;
    s30 += l3 * x;
    s01 += l0 * y;
    s11 += l1 * y;
    s21 += l2 * y;
    s31 += l3 * y;
  }
  const pivot = matrix[a + j]!;
  const l0 = (matrix[r0 + j]! - s00) / pivot;
  const l1 = (matrix[r1 + j]! - s10) / pivot;
  const l2 = (matrix[r2 + j]! - s20) / pivot;
  const l3 = (matrix[r3 + j]! - s30) / pivot;
  matrix[r0 + j] = l0;
  matrix[r1 + j] = l1;
  matrix[r2 + j] = l2;
  matrix[r3 + j] = l3;
  // Column j + 1's sums end with the k = j terms just found.
  const y = matrix[b + j]!;
  const next = matrix[b + j + 1]!;
  matrix[r0 + j + 1] = (matrix[r0 + j + 1]! - (s01 + l0 * y)) / next;
  matrix[r1 + j + 1] = (matrix[r1 + j + 1]! - (s11 + l1 * y)) / next;
  matrix[r2 + j + 1] = (matrix[r2 + j + 1]! - (s21 + l2 * y)) / next;
  matrix[r3 + j + 1] = (matrix[r3 + j + 1]! - (s31 + l3 * y)) / next;
}

/**
 * X = L⁻¹ for the lower-triangular factor L (row-major), by forward substitution on four
 * columns of X at once (so each row of L is read once per four columns), two rows at a
 * time. Column j of X is returned as row j of the result (zero before position j), written
 * into `inverse`, which must be zero (a new array by default). n³/6 multiply-adds.
 * @internal
 */
export function lowerInverseByColumns(factor: Float64Array, size: number, inverse: Float64Array = new Float64Array(size * size)): Float64Array {
  const sums = new Float64Array(4);
  for (let blockStart = 0; blockStart < size; blockStart += CACHE_BLOCK) {
    const blockEnd = Math.min(blockStart + CACHE_BLOCK, size);
    for (let first = blockStart; first < blockEnd; first += 4) {
      const width = Math.min(4, blockEnd - first);
      let i = first;
      for (; i < size; i++) {
        // Past the group's last column every column is under way: two rows at a time.
        if (width === 4 && i >= first + 3 && i + 1 < size) {
          for (; i + 1 < size; i += 2) inverseTile(factor, inverse, size, i, first);
          if (i === size) break;
        }
        const diagonal = factor[i * size + i]!;
        const columns = Math.min(width, i - first + 1);
        // Unused column slots point at the first column: computed, never stored.
        const row = (c: number): number => (first + (c < columns ? c : 0)) * size + first;
        dotFour(factor, i * size + first, inverse, row(0), row(1), row(2), row(3), i - first, sums);
        // Columns j > i are still zero at row i: X is lower triangular.
        for (let c = 0; c < columns; c++) inverse[(first + c) * size + i] = ((first + c === i ? 1 : 0) - sums[c]!) / diagonal;
      }
    }
  }
  return inverse;
}

// X_rc for rows r = i, i + 1 and the four columns c = first…first + 3 (all ≤ i):
// (δ_rc − Σ_{first≤k<r} L_rk·X_kc) / L_rr, each sum in order of k as `dotFour` adds it.
function inverseTile(factor: Float64Array, inverse: Float64Array, size: number, i: number, first: number): void {
  const p = i * size;
  const q = p + size;
  const c0 = first * size;
  const c1 = c0 + size;
  const c2 = c1 + size;
  const c3 = c2 + size;
  let s00 = 0;
  let s01 = 0;
  let s02 = 0;
  let s03 = 0;
  let s10 = 0;
  let s11 = 0;
  let s12 = 0;
  let s13 = 0;
  for (let k = first; k < i; k++) {
    const x = factor[p + k]!;
    const y = factor[q + k]!;
    const v0 = inverse[c0 + k]!;
    const v1 = inverse[c1 + k]!;
    const v2 = inverse[c2 + k]!;
    const v3 = inverse[c3 + k]!;
    s00 += v0 * x;
    s01 += v1 * x;
    s02 += v2 * x;
    s03 += v3 * x;
    s10 += v0 * y;
    s11 += v1 * y;
    s12 += v2 * y;
    s13 += v3 * y;
  }
  const diagonal = factor[p + i]!;
  const x0 = ((first === i ? 1 : 0) - s00) / diagonal;
  const x1 = ((first + 1 === i ? 1 : 0) - s01) / diagonal;
  const x2 = ((first + 2 === i ? 1 : 0) - s02) / diagonal;
  const x3 = ((first + 3 === i ? 1 : 0) - s03) / diagonal;
  inverse[c0 + i] = x0;
  inverse[c1 + i] = x1;
  inverse[c2 + i] = x2;
  inverse[c3 + i] = x3;
  // Row i + 1's sums end with the k = i terms just found.
  const y = factor[q + i]!;
  const next = factor[q + i + 1]!;
  inverse[c0 + i + 1] = ((first === i + 1 ? 1 : 0) - (s10 + x0 * y)) / next;
  inverse[c1 + i + 1] = ((first + 1 === i + 1 ? 1 : 0) - (s11 + x1 * y)) / next;
  inverse[c2 + i + 1] = ((first + 2 === i + 1 ? 1 : 0) - (s12 + x2 * y)) / next;
  inverse[c3 + i + 1] = ((first + 3 === i + 1 ? 1 : 0) - (s13 + x3 * y)) / next;
}
