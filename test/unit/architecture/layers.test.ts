import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/paths.js';
import { specifiersOf } from './module-imports.js';

const root = packageRoot();

/**
 * The layers, lowest first. A module may import its own layer and the layers below, never above:
 * the order a newcomer can read from the folder names.
 */
const LAYERS: ReadonlyArray<readonly string[]> = [
  ['src/domain', 'src/errors.ts', 'src/paths.ts'],
  ['src/store'],
  ['src/engine', 'src/learning', 'src/feedback'],
  ['src/use-cases'],
  ['src/app.ts', 'src/facade-parts.ts', 'src/open-goalpost.ts', 'src/migration-functions.ts'],
  ['src/views', 'src/delivery'],
  ['src/jobs'],
  ['src/commands'],
  ['src/scheduler', 'src/watch', 'src/webhooks', 'src/config', 'src/create-logger.ts'],
  ['src/index.ts', 'src/chat.ts'],
  ['adapters'],
  ['src/main.ts'],
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const files = [...sources(join(root, 'src')), ...sources(join(root, 'adapters'))];

/**
 * The files a file imports, of any kind (static, re-export, side-effect, dynamic), relative ones
 * only, as paths relative to the package.
 */
function importsOf(file: string): string[] {
  return specifiersOf(readFileSync(file, 'utf8'))
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(root, resolve(dirname(file), specifier).replace(/\.js$/, '.ts')));
}

function layerOf(path: string): number {
  const i = LAYERS.findIndex((layer) => layer.some((p) => path === p || path.startsWith(`${p}/`)));
  if (i < 0) throw new Error(`${path} is in no layer: add its folder to LAYERS`);
  return i;
}

describe('layers', () => {
  it('puts every source file in a layer', () => {
    expect(() => files.map((f) => layerOf(relative(root, f)))).not.toThrow();
  });

  it('never imports a layer above', () => {
    const upward = files.flatMap((f) => {
      const from = relative(root, f);
      return importsOf(f)
        .filter((to) => layerOf(to) > layerOf(from))
        .map((to) => `${from} (${layerOf(from)}) → ${to} (${layerOf(to)})`);
    });
    expect(upward).toEqual([]);
  });

  it("names every adapter folder and file in the README's picture of the layers", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n### Architecture'));
    const picture = section.slice(section.indexOf('```'), section.indexOf('```', section.indexOf('```') + 3));
    const adapters = picture.slice(picture.indexOf('\nadapters/'), picture.indexOf('\nsrc/main.ts'));
    const entries = readdirSync(join(root, 'adapters'));
    expect(entries.length).toBeGreaterThan(0);
    const missing = entries.filter(
      (name) => !new RegExp(`\\b${name.replace('.', '\\.')} \\(`).test(adapters),
    );
    expect(missing).toEqual([]);
  });

  it('has no import cycles', () => {
    const graph = new Map(files.map((f) => [relative(root, f), importsOf(f)]));
    const cycles: string[][] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (node: string): void => {
      state.set(node, 'open');
      path.push(node);
      for (const next of graph.get(node) ?? []) {
        if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
        else if (!state.has(next) && graph.has(next)) visit(next);
      }
      path.pop();
      state.set(node, 'done');
    };
    for (const node of graph.keys()) if (!state.has(node)) visit(node);
    expect(cycles.map((c) => c.join(' → '))).toEqual([]);
  });
});
