import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/paths.js';
import { specifiersOf } from './module-imports.js';

const root = packageRoot();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** What a file loads: its imports of any kind, and the built-ins it loads on first use (`lazyBuiltin`). */
const importsOf = (file: string): string[] => {
  const text = readFileSync(file, 'utf8');
  return [
    ...specifiersOf(text),
    ...[...text.matchAll(/lazyBuiltin<[^>]*>\('([^']+)'\)/g)].map((m) => m[1] ?? ''),
  ];
};

describe('module boundaries', () => {
  it('keeps chat, HTTP, terminal and CLI libraries out of the core', () => {
    const banned = /^(@slack\/|discord\.js|commander|node:http|node:https|http|readline|node:readline)/;
    // The webhook sender is the core's one outbound HTTP client: it needs node:http(s) (fetch takes
    // no DNS lookup) to post to the very address it checked was public.
    const outbound = new Set([
      'src/webhooks/post-webhook.ts → node:http',
      'src/webhooks/post-webhook.ts → node:https',
    ]);
    const offenders = sources(join(root, 'src'))
      .filter((f) => !f.endsWith('main.ts'))
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => banned.test(i))
          .map((i) => `${relative(root, f)} → ${i}`),
      )
      .filter((edge) => !outbound.has(edge));
    expect(offenders).toEqual([]);
  });

  // And src/facade-parts.ts, the facade's parts one by one: the CLI's command groups name theirs
  // from it as a namespace (`parts.vision`), which the bundler resolves to the constants named, so
  // a group's bundle holds no other part's use cases; re-exported through the barrel it could not.
  it('lets adapters reach the core only through src/index.ts, src/chat.ts and src/facade-parts.ts', () => {
    const entries = ['/src/index.js', '/src/chat.js', '/src/facade-parts.js'];
    const offenders = sources(join(root, 'adapters')).flatMap((f) =>
      importsOf(f)
        .filter((i) => i.includes('/src/') && !entries.some((entry) => i.endsWith(entry)))
        .map((i) => `${relative(root, f)} → ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('reads process.env only in the composition roots', () => {
    const readers = [...sources(join(root, 'src')), ...sources(join(root, 'adapters'))]
      .filter((f) => readFileSync(f, 'utf8').includes('process.env'))
      .map((f) => relative(root, f));
    expect(readers.sort()).toEqual(['adapters/cli/main.ts', 'src/main.ts']);
  });
});
