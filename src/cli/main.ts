import { CommanderError } from 'commander';
import { cliContext } from './context.ts';
import { CliExit, exitCodeFor } from './exit-codes.ts';
import { buildProgram } from './program.ts';

// `markaz`: declare the commands (cheap), run the one asked for, and exit with a code that says
// what happened (src/cli/exit-codes.ts).

function fail(err: unknown): never {
  const code = exitCodeFor(err);
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof CommanderError) console.error(`error: ${message}\n(add --help for usage)`);
  else if (err instanceof CliExit || (err instanceof Error && err.name === 'ConfigError')) {
    if (message) console.error(message);
  } else console.error(`Error: ${message}`);
  process.exit(code);
}

process.on('unhandledRejection', fail);

const program = buildProgram(cliContext);
try {
  await program.parseAsync(process.argv);
} catch (err) {
  fail(err);
}
