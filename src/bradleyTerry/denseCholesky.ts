/**
 * Dense triangular algebra for the exact standard errors: the Cholesky factorisation
 * (Golub & Van Loan, "Matrix Computations", 4th ed., §4.2) and the inverse of its
 * factor, row-major, a block of rows at a time.
 * @internal
 * @module
 */
import { dot, dotFour } from './dotProducts.js';

/**
 * The dense loops work on blocks of this many rows (or columns) so that the block stays
 * in cache while the other rows stream past once per block: 16 rows of 2 000 numbers
 * is 256 KiB. JavaScript has no SIMD, so this and four accumulators are what is left.
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
    for (let j = 0; j < blockEnd; j++) {
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

/**
 * X = L⁻¹ for the lower-triangular factor L (row-major), by forward substitution on four
 * columns of X at once (so each row of L is read once per four columns). Column j of X
 * is returned as row j of the result (zero before position j). n³/6 multiply-adds.
 * @internal
 */
export function lowerInverseByColumns(factor: Float64Array, size: number): Float64Array {
  const inverse = new Float64Array(size * size);
  const sums = new Float64Array(4);
  for (let blockStart = 0; blockStart < size; blockStart += CACHE_BLOCK) {
    const blockEnd = Math.min(blockStart + CACHE_BLOCK, size);
    for (let i = blockStart; i < size; i++) {
      const diagonal = factor[i * size + i]!;
      for (let first = blockStart; first < blockEnd && first <= i; first += 4) {
        const columns = Math.min(4, blockEnd - first, i - first + 1);
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
