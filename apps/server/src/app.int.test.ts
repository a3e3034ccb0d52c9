import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApp, TEST_DB_KIND, type TestApp } from '@ketapath/test-support';

describe(`the web app on the same port (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  before(async () => {
    const staticDir = mkdtempSync(path.join(tmpdir(), 'ketapath-static-'));
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Ketapath shell</title>');
    writeFileSync(path.join(staticDir, 'app.js'), 'console.log(1)');
    t = await startTestApp({ staticDir });
  });
  after(async () => {
    await t.close();
  });

  it('serves files, the app shell for client-side routes, and problem+json for unknown API paths', async () => {
    const root = await t.anonymous().get('/');
    assert.equal(root.status, 200);
    assert.match(root.text, /Ketapath shell/);
    assert.equal((await t.anonymous().get('/app.js')).text, 'console.log(1)');
    const deep = await t.anonymous().get('/patients/123/intake');
    assert.equal(deep.status, 200);
    assert.match(deep.text, /Ketapath shell/);
    const api = await t.anonymous().get('/api/nope');
    assert.equal(api.status, 404);
    assert.equal(api.body.code, 'ROUTE_NOT_FOUND');
    const post = await t.anonymous().post('/somewhere', {});
    assert.equal(post.status, 404);
  });
});
