import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { useTempDir } from '../helpers/temp-dir.js';

const root = packageRoot();
const tempDir = useTempDir();

/** A package shaped like Goalpost (the entry points dist/ must have), small enough to compile in a second. */
function tinyPackage(compilerOptions: Record<string, unknown> = {}): string {
  const dir = tempDir();
  for (const d of ['scripts', 'bin', 'src', 'adapters/cli', 'adapters/charts'])
    mkdirSync(join(dir, d), { recursive: true });
  copyFileSync(join(root, 'scripts/build.mjs'), join(dir, 'scripts/build.mjs'));
  copyFileSync(join(root, 'bin/load-cli.js'), join(dir, 'bin/load-cli.js'));
  copyFileSync(join(root, 'bin/package.json'), join(dir, 'bin/package.json'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, 'tsconfig.build.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        target: 'ES2022',
        outDir: 'dist',
        rootDir: '.',
        strict: true,
        types: [],
        skipLibCheck: true,
        ...compilerOptions,
      },
      include: ['src', 'adapters'],
    }),
  );
  writeFileSync(join(dir, 'src/main.ts'), "export const greeting: string = 'hello';\n");
  writeFileSync(join(dir, 'adapters/cli/main.ts'), "export const cli: string = 'cli';\n");
  writeFileSync(join(dir, 'adapters/charts/render-chart.ts'), "export const charts: string = 'charts';\n");
  return dir;
}

/** `npm start`'s prestart in `dir`. */
const buildIfChanged = (dir: string) =>
  spawnSync(process.execPath, [join(dir, 'scripts/build.mjs'), '--if-changed'], {
    cwd: dir,
    encoding: 'utf8',
  });

/** Dates `file` a minute ahead, so its change is seen whatever the file system's time granularity. */
function edit(file: string, text: string): void {
  writeFileSync(file, text);
  const later = new Date(Date.now() + 60_000);
  utimesSync(file, later, later);
}

describe('npm start compiles only what changed (scripts/build.mjs --if-changed)', () => {
  it('compiles a fresh clone, then starts without compiling until a source changes', () => {
    const dir = tinyPackage();
    const first = buildIfChanged(dir);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/the sources changed since the last build; compiling dist\//);
    const built = join(dir, 'dist/src/main.js');
    expect(readFileSync(built, 'utf8')).toMatch(/hello/);

    const mtime = statSync(built).mtimeMs;
    const again = buildIfChanged(dir);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toBe('');
    expect(statSync(built).mtimeMs).toBe(mtime);

    edit(join(dir, 'src/main.ts'), "export const greeting: string = 'hello again';\n");
    const changed = buildIfChanged(dir);
    expect(changed.status, changed.stderr).toBe(0);
    expect(changed.stderr).toMatch(/compiling dist\//);
    expect(readFileSync(built, 'utf8')).toMatch(/hello again/);
  }, 60_000);

  it('refuses to start on a source that does not compile, and tries again next time', () => {
    const dir = tinyPackage();
    expect(buildIfChanged(dir).status).toBe(0);
    edit(join(dir, 'src/main.ts'), 'export const greeting: number = "not a number";\n');
    const broken = buildIfChanged(dir);
    expect(broken.status).not.toBe(0);
    expect(broken.stdout).toMatch(/src\/main\.ts.*error TS2322/);
    expect(buildIfChanged(dir).status).not.toBe(0);
    edit(join(dir, 'src/main.ts'), 'export const greeting: number = 42;\n');
    expect(buildIfChanged(dir).status).toBe(0);
    expect(readFileSync(join(dir, 'dist/src/main.js'), 'utf8')).toMatch(/42/);
  }, 60_000);

  it('builds from nothing with --fresh, as the bench does: a compiled file edited by hand does not survive', () => {
    // As the project's own tsconfig: incremental, so tsc writes again only what it thinks changed.
    const dir = tinyPackage({ incremental: true, tsBuildInfoFile: 'dist/.tsbuildinfo.build' });
    const build = (...flags: string[]) =>
      spawnSync(process.execPath, [join(dir, 'scripts/build.mjs'), ...flags], { cwd: dir, encoding: 'utf8' });
    expect(build().status).toBe(0);
    const built = join(dir, 'dist/src/main.js');
    writeFileSync(built, "export const greeting = 'patched by hand';\n");
    const fresh = build('--fresh');
    expect(fresh.status, fresh.stderr).toBe(0);
    expect(readFileSync(built, 'utf8')).toMatch(/'hello'/);
  }, 60_000);
});
