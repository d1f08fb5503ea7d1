/**
 * Types of seedrandom's Alea module alone (`seedrandom/lib/alea.js`), which
 * @types/seedrandom does not declare: the same function as the root's `seedrandom.alea`.
 */
declare module 'seedrandom/lib/alea.js' {
  import type seedrandom from 'seedrandom';

  const alea: (typeof seedrandom)['alea'];
  export = alea;
}
