/**
 * The language server's node entry. Inside VS Code it runs over node IPC; any other LSP
 * editor runs `node dist/server.js --stdio` (also `--socket=<port>`, `--pipe=<name>`).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
// A bug that escapes every guard is logged, not fatal: a server that dies on one odd file
// loses the user's trust, and the next request starts from the index as it is.
process.on('uncaughtException', (e) => connection.console.error(`internal error (the server keeps running): ${e?.stack ?? String(e)}`));
process.on('unhandledRejection', (e) =>
  connection.console.error(`internal error (the server keeps running): ${(e as Error)?.stack ?? String(e)}`),
);
startServer(connection);
