/**
 * The `pairwise-elo` command. Exit codes: 0 results, 1 failure, 2 usage error.
 * @module
 */
import { RankingInputError } from '../errors.js';
import { DEMO_HELP, runDemo } from './demo.js';
import { UsageError } from './terminal.js';

const HELP = `Usage: pairwise-elo <command> [options]

Commands:
  demo    run the example ranking job with a simulated labeler

Run 'pairwise-elo <command> --help' for a command's options.
`;

const COMMANDS: Record<string, { readonly help: string; readonly run: (args: readonly string[]) => string }> = {
  demo: { help: DEMO_HELP, run: runDemo },
};

function main(argv: readonly string[]): number {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    process.stderr.write(`pairwise-elo: unknown command '${name}'\n\n${HELP}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(command.help);
    return 0;
  }
  try {
    process.stdout.write(command.run(args));
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof RankingInputError) {
      process.stderr.write(`pairwise-elo ${name}: ${error.message}\n\n${command.help}`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
