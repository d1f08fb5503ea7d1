/**
 * Work vectors carved from one buffer: a small fit needs a dozen, and allocating each
 * (a typed array over 64 bytes lives outside V8's heap) and collecting it cost more than
 * the arithmetic done in them.
 * @internal
 * @module
 */

/**
 * A function that hands out zeroed `Float64Array` views of consecutive stretches of one
 * new buffer of `total` doubles; it throws a RangeError past the end. O(total) once.
 * @internal
 */
export function float64Arena(total: number): (length: number) => Float64Array {
  const buffer = new ArrayBuffer(8 * total);
  let offset = 0;
  return (length) => {
    const view = new Float64Array(buffer, offset, length);
    offset += 8 * length;
    return view;
  };
}
