// Property tests run on a fixed seed so CI is reproducible; set FC_SEED to explore
// other seeds locally (a failure prints the seed and path to replay it), FC_RUNS for
// more runs. baseSize 'large': fast-check's default ('small') caps generated arrays at
// about 10 elements whatever their maxLength, too short for sequences of calls.
import fc from 'fast-check';

const seed = process.env['FC_SEED'] === undefined ? 20261126 : Number(process.env['FC_SEED']);
fc.configureGlobal({ seed, numRuns: Number(process.env['FC_RUNS'] ?? 100), baseSize: 'large' });
