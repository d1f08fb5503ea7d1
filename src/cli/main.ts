/**
 * The `pairwise-elo` command. Exit codes: 0 results, 1 failure, 2 usage error.
 * @module
 */
import { RankingInputError } from '../errors.js';
import { endQuietlyOnClosedPipe } from './closedPipe.js';
import { LIBRARY_VERSION } from '../version.js';
import { CONVERGENCE_HELP, runConvergenceCommand } from './convergence.js';
import { DEMO_HELP, runDemo } from './demo.js';
import { LEADERBOARD_HELP, runLeaderboard } from './leaderboard.js';
import { MERGE_HELP, runMerge } from './merge.js';
import { RANK_HELP, runRank } from './rank.js';
import { SIMULATE_HELP, runSimulate } from './simulate.js';
import { shownName } from './shownColumns.js';
import { InputFileError, UsageError } from './terminal.js';
import { escapeForTerminal } from './terminalText.js';

const HELP = `Usage: pairwise-elo <command> [options]

Commands:
  demo          run the example ranking job with a simulated labeler
  simulate      run one simulated ranking job and compare it with the truth
  convergence   sweep datapoint counts, budgets and strategies; write CSV, JSON, SVG
  merge         join the shards of a convergence sweep
  rank          rank the datapoints of a CSV or JSON Lines file of comparisons
                (or of standard input: rank -)
  leaderboard   score the models of a battle log (model_a,model_b,winner) the
                Chatbot Arena's way, with intervals

Options:
  -h, --help      show this help
  -v, --version   print the version of pairwise-elo

Run 'pairwise-elo <command> --help' for a command's options.
`;

const COMMANDS: Record<string, { readonly help: string; readonly run: (args: readonly string[]) => string | Promise<string> }> = {
  demo: { help: DEMO_HELP, run: runDemo },
  simulate: { help: SIMULATE_HELP, run: runSimulate },
  convergence: { help: CONVERGENCE_HELP, run: runConvergenceCommand },
  merge: { help: MERGE_HELP, run: runMerge },
  rank: { help: RANK_HELP, run: runRank },
  leaderboard: { help: LEADERBOARD_HELP, run: runLeaderboard },
};

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    process.stderr.write(HELP);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${LIBRARY_VERSION}\n`);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    process.stderr.write(`pairwise-elo: unknown command ${shownName(name)}\n\n${HELP}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(command.help);
    return 0;
  }
  try {
    process.stdout.write(await command.run(args));
    return 0;
  } catch (error) {
    if (error instanceof InputFileError) {
      process.stderr.write(`pairwise-elo ${name}: ${escapeForTerminal(error.message)}\n`);
      return 2;
    }
    if (error instanceof UsageError || error instanceof RankingInputError) {
      process.stderr.write(`pairwise-elo ${name}: ${escapeForTerminal(error.message)}\n\n${command.help}`);
      return 2;
    }
    throw error;
  }
}

// A reader that closed its end of the output pipe early (`| head`) ends the command
// quietly (the output is written once, when the command is done); a closed stderr only
// silences the progress bar and messages, and the command runs on.
endQuietlyOnClosedPipe(process.stdout, () => process.exit(process.exitCode ?? 0));
endQuietlyOnClosedPipe(process.stderr, () => {});
process.exitCode = await main(process.argv.slice(2));
