// Loads the bundled CLI (dist/cli/goalpost.cjs) with V8's code cache. The build compiles the
// bundle, runs its module body (every top-level statement, nothing more) and saves what V8 made
// of it beside it (goalpost.cjs.cache); a command then skips parsing and compiling most of its
// JavaScript. A cache V8 rejects (another Node version) only loses that saving.
//
// CommonJS (bin/package.json), like the bin: Node starts a CommonJS main without its ES module
// loader, 19 of its own modules fewer to load before a command runs.
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname } = require('node:path');
const { Script } = require('node:vm');

/**
 * Compiles the CommonJS bundle at `bundle` (with `cachedData` when there is a cache) and runs its
 * module body; returns its exports and the compiled script (whose code cache the build saves).
 */
function loadBundle(bundle, cachedData) {
  const source = readFileSync(bundle, 'utf8');
  // CommonJS's own wrapper, on the bundle's first line so stack traces keep its line numbers.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return { exports: module.exports, script };
}

exports.loadBundle = loadBundle;
