import t from 'tap';
import { isHiddenBelow, parseEndpoint, resolveLocations } from '../../src/copy/locations.js';
import { SqlServerError } from '../../src/contract.js';

const endpoint = parseEndpoint('http://127.0.0.1:10000/devstoreaccount1/');

t.test('the endpoint must be loopback and name the account', async (t) => {
  t.same(endpoint, { url: 'http://127.0.0.1:10000/devstoreaccount1', accountName: 'devstoreaccount1' });
  t.same(parseEndpoint('http://localhost:1/acct').accountName, 'acct');
  for (const bad of [undefined, 'http://10.1.2.3:10000/devstoreaccount1', 'https://acct.blob.core.windows.net/', 'http://127.0.0.1:10000/']) {
    t.throws(() => parseEndpoint(bad), SqlServerError, String(bad));
  }
});

t.test('Azure URLs and endpoint URLs map to a container and a selector', async (t) => {
  const [file, folder, wild, onEndpoint, dfs] = resolveLocations([
    'https://acct.blob.core.windows.net/staging/run-1/part-0001.csv.gz',
    'https://acct.blob.core.windows.net/staging/run-1/',
    'https://acct.blob.core.windows.net/staging/run-1/*.csv',
    'http://127.0.0.1:10000/devstoreaccount1/staging/a%20b.csv',
    'https://acct.dfs.core.windows.net/staging/x',
  ], endpoint);
  t.same(file, { container: 'staging', selector: { kind: 'path', name: 'run-1/part-0001.csv.gz' } });
  t.same(folder, { container: 'staging', selector: { kind: 'folder', prefix: 'run-1/' } });
  t.equal(wild?.selector.kind, 'wildcard');
  t.same(onEndpoint?.selector, { kind: 'path', name: 'a b.csv' });
  t.same(dfs?.selector, { kind: 'path', name: 'x' });
});

t.test('wildcards are case-sensitive, cross folders, and honour backslash escapes', async (t) => {
  const pattern = (path: string): RegExp => {
    const [r] = resolveLocations([`https://acct.blob.core.windows.net/c/${path}`], endpoint);
    if (r?.selector.kind !== 'wildcard') throw new Error('not a wildcard');
    return r.selector.pattern;
  };
  t.ok(pattern('d/*.csv').test('d/sub/x.csv'));
  t.notOk(pattern('d/*.csv').test('d/x.CSV'));
  t.ok(pattern('d/part-000?.csv').test('d/part-0007.csv'));
  t.ok(pattern('d/a\\*b*').test('d/a*bc'));
  t.notOk(pattern('d/a\\*b*').test('d/axbc'));
});

t.test('other hosts, mixed containers and bad URLs are refused with 105208', async (t) => {
  for (const locations of [
    ['https://example.com/c/x.csv'],
    ['http://127.0.0.1:9/devstoreaccount1/c/x.csv'],
    ['https://acct.blob.core.windows.net/a/x.csv', 'https://acct.blob.core.windows.net/b/x.csv'],
    ['not a url'],
  ]) {
    t.throws(() => resolveLocations(locations, endpoint), SqlServerError, locations.join(', '));
  }
});

t.test('hidden names are judged only below what the location spelled out', async (t) => {
  t.ok(isHiddenBelow('run/_SUCCESS', 'run/'));
  t.ok(isHiddenBelow('run/.tmp/x.csv', 'run/'));
  t.ok(isHiddenBelow('run/sub/_x/y.csv', 'run/'));
  t.notOk(isHiddenBelow('_stage/run/x.csv', '_stage/run/'));
  t.notOk(isHiddenBelow('run/x_1.csv', 'run/'));
});
