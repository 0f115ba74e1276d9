#!/usr/bin/env node
// The bin npm links at install time. npm links a bin only if its file exists then, and dist/ does not exist
// until the build, so a bin pointing into dist/ would never be linked and `npx kustomer-synapse-sync` would ask the
// public registry for a package of that name. This file is committed; it runs the compiled CLI or says how to build it.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (existsSync(cli)) {
  await import(cli.href);
} else {
  process.stderr.write('kustomer-synapse-sync: not built yet; run `npm run build` in the repository root first\n');
  process.exitCode = 1;
}
