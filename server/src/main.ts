/**
 * The language server's node entry. Inside VS Code it runs over node IPC; any other LSP
 * editor runs `node dist/server.js --stdio` (also `--socket=<port>`, `--pipe=<name>`).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
