/**
 * The library's version, written in at build time from package.json (tsup's and
 * vitest's `define`), so results can say which version produced them.
 * @module
 */

declare const __PAIRWISE_ELO_VERSION__: string;

/** This library's version, e.g. "0.2.0". */
export const LIBRARY_VERSION: string = __PAIRWISE_ELO_VERSION__;
