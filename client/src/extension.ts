/**
 * The extension's entry: activate builds the context (which owns everything, and is
 * disposed with the extension); deactivate stops the language server cleanly.
 */
import type { ExtensionContext } from 'vscode';
import { PodpathContext } from './context';

export async function activate(context: ExtensionContext): Promise<void> {
  const ctx = new PodpathContext(context);
  context.subscriptions.push(ctx);
  await ctx.start();
}

export function deactivate(): void {
  // The context is in the extension's subscriptions: disposing it stops the server.
}
