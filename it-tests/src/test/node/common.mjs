// Shared by the client scripts: one line per event on stdout (the JUnit test reads them), a watchdog so that a
// script never outlives its test, a failure exit with the reason on stderr, and the command-line dispatch.

const WATCHDOG_MS = Number(process.env.JUNCTION_SCRIPT_TIMEOUT_MS ?? 20000);

const watchdog = setTimeout(() => fail(`no result within ${WATCHDOG_MS} ms`), WATCHDOG_MS);
watchdog.unref();

/** Prints one event line for the test. */
export function emit(...words) {
  process.stdout.write(words.join(' ') + '\n');
}

/** Ends the script successfully once stdout is written. */
export function done() {
  process.stdout.write('', () => process.exit(0));
}

/** Ends the script with exit code 1 and the reason on stderr. */
export function fail(reason) {
  process.stderr.write(`error ${reason instanceof Error ? reason.message : reason}\n`, () => process.exit(1));
}

/**
 * Runs the command the arguments name, {@code <command> <url> <args...>}, as commands[command](url, ...args);
 * a thrown error or rejected promise fails the script.
 */
export async function run(commands) {
  const [command, url, ...rest] = process.argv.slice(2);
  if (!(command in commands) || !url) {
    fail(`usage: ${process.argv[1]} <${Object.keys(commands).join('|')}> <url> <args...>`);
    return;
  }
  try {
    await commands[command](url, ...rest);
  } catch (e) {
    fail(e);
  }
}
