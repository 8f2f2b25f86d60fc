/**
 * Entry point of `briefing-language-server`: `--stdio` (any editor), `--node-ipc`
 * (VS Code) or `--socket=<port>`. Without a transport it prints how to run it rather
 * than failing with a stack trace.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];
const argv = process.argv.slice(2);

declare const BRIEFING_CHECK_VERSION: string | undefined;

if (argv.includes('--version') || argv.includes('-v')) {
  process.stdout.write(`${typeof BRIEFING_CHECK_VERSION === 'string' ? BRIEFING_CHECK_VERSION : '0.0.0-dev'}\n`);
} else if (argv.includes('--help') || argv.includes('-h') || !argv.some((a) => TRANSPORTS.some((t) => a.startsWith(t)))) {
  process.stderr.write(
    'Usage: briefing-language-server --stdio\n' +
      'The Briefing Check language server: checks the notes and cited statistics of Markdown briefings\n' +
      'against *.facts.json files. Start it from your editor as a language server over stdio.\n',
  );
  process.exitCode = argv.includes('--help') || argv.includes('-h') ? 0 : 2;
} else {
  startServer(createConnection(ProposedFeatures.all));
}
