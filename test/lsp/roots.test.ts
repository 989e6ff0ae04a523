/**
 * The workspace root as editors other than VS Code send it: Kate sends an empty
 * `workspaceFolders` with the root in `rootUri`; old clients send only `rootPath`.
 */
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { copyFixture, removeDir, TestClient, uriOf } from './client';

describe('workspace roots from initialize', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach(removeDir));

  const indexedWith = async (roots: (dir: string) => Record<string, unknown>): Promise<number> => {
    const dir = copyFixture('lsp-shop');
    dirs.push(dir);
    const c = await TestClient.start({ folders: [], initialize: roots(dir) });
    try {
      await c.ready();
      return c.statuses.at(-1)!.files;
    } finally {
      await c.stop();
    }
  };

  it('indexes rootUri when workspaceFolders is an empty list', async () => {
    assert.ok((await indexedWith((dir) => ({ workspaceFolders: [], rootUri: uriOf(dir) }))) > 0);
  });

  it('indexes rootPath when it is the only root given', async () => {
    assert.ok((await indexedWith((dir) => ({ workspaceFolders: null, rootUri: null, rootPath: dir }))) > 0);
  });
});
