import { TEMPLATE_VARIABLES } from '../domain/playbook.js';
import { ValidationError } from '../errors.js';
import { possessive } from './format.js';

const PLACEHOLDER = /\{([^{}]*)\}/g;
/** A placeholder as a title fills it, with the `'s` a possessive may follow it with. */
const FILLED = /\{([^{}]*)\}('s\b)?/g;
const KNOWN = new Set<string>(TEMPLATE_VARIABLES);

/** The placeholder names a template uses, in order of first use, each once (`{project}` → `project`). */
export function templatePlaceholders(template: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) names.add(match[1] ?? '');
  return [...names];
}

/**
 * Fills `{project}`-style placeholders from `params`; `{project}'s` is the possessive of the value
 * (`Quotewise Payments' revenue`, not `Payments's`: see possessive).
 * @throws ValidationError naming every unknown placeholder, or a known one `params` has no value for.
 */
export function renderTemplate(template: string, params: Readonly<Record<string, string>>): string {
  const used = templatePlaceholders(template);
  const unknown = used.filter((name) => !KNOWN.has(name));
  if (unknown.length > 0) {
    const list = unknown.map((name) => `{${name}}`).join(', ');
    throw new ValidationError(
      `unknown placeholder${unknown.length > 1 ? 's' : ''} ${list}; use ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(', ')}`,
      'title',
    );
  }
  const missing = used.filter((name) => params[name] === undefined);
  if (missing.length > 0) {
    throw new ValidationError(`no value for ${missing.map((name) => `{${name}}`).join(', ')}`, 'title');
  }
  return fill(template, params, () => true);
}

/** `template` with the placeholders `kept` filled from `params` (a possessive as such), the rest left out. */
function fill(
  template: string,
  params: Readonly<Record<string, string>>,
  kept: (name: string) => boolean,
): string {
  return template.replace(FILLED, (_whole, name: string, owns?: string) => {
    if (!kept(name)) return '';
    const value = params[name] ?? '';
    return owns === undefined ? value : possessive(value);
  });
}

/** The placeholders that name what work is about: its project, bug, focus area or goal's metric. */
const SUBJECT_VARIABLES: ReadonlySet<string> = new Set(['project', 'bug', 'focus', 'metric']);

/**
 * What a playbook's task is about, for what reads its words (alignment with the vision, work on
 * customers leaving): its template's own words, with what it names filled in as renderTemplate
 * fills it, and the figures and phrases of where things stand left out. A review found the growth
 * experiment aligned with a vision naming revenue by "Invoicer's share of the revenue gap", words
 * `{part}` put in every such title. Call renderTemplate first: it checks the placeholders.
 */
export function renderSubject(template: string, params: Readonly<Record<string, string>>): string {
  return fill(template, params, (name) => SUBJECT_VARIABLES.has(name));
}
