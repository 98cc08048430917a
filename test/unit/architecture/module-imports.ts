import ts from 'typescript';

/**
 * Every module a source file names, as TypeScript's own scanner reads it: static imports and
 * re-exports (`export … from`), side-effect imports (`import './x.js'`), dynamic `import('./x.js')`
 * and `import('./x.js')` types. Comments and strings that merely look like an import are not one.
 */
export function specifiersOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}
