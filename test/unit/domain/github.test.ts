import { describe, expect, it } from 'vitest';
import {
  areaLabelsOf,
  areaOfLabel,
  bugLabelsAmong,
  classifyIssue,
  closedIssuesIn,
  DEFAULT_BUG_LABELS,
  DEFAULT_SEVERITY_LABELS,
  DEFAULT_UPKEEP_LABELS,
  estimateOfLabels,
  parseRepoName,
  parseRepoSpec,
  taskRefsIn,
} from '../../../src/domain/github.js';

const DEFAULTS = {
  bugLabels: [...DEFAULT_BUG_LABELS],
  severityLabels: { ...DEFAULT_SEVERITY_LABELS },
  upkeepLabels: [...DEFAULT_UPKEEP_LABELS],
};
const classify = (...labels: string[]) => classifyIssue(labels, DEFAULTS);
const growth = { kind: 'feature', upkeep: false };

describe('what an issue is, by its labels', () => {
  it('is a feature unless a bug label says otherwise', () => {
    expect(classify()).toEqual(growth);
    expect(classify('enhancement', 'P0')).toEqual(growth);
  });

  it('is upkeep when a label calls it a chore, docs, an upgrade or a question, in any case', () => {
    for (const label of ['chore', 'Documentation', 'dependencies', 'tech debt', 'question'])
      expect(classify('enhancement', label)).toEqual({ kind: 'feature', upkeep: true });
  });

  it('is a bug when it has a bug label and an upkeep label: a broken build script is a bug', () => {
    expect(classify('ci', 'bug', 'P1')).toEqual({ kind: 'bug', severity: 'high' });
  });

  it('is a bug of the worst severity its labels give, matching labels in any case', () => {
    expect(classify('Bug', 'P2')).toEqual({ kind: 'bug', severity: 'medium' });
    expect(classify('type: bug', 'severity:high', 'P3')).toEqual({ kind: 'bug', severity: 'high' });
    expect(classify('kind/bug', 'Critical')).toEqual({ kind: 'bug', severity: 'critical' });
  });

  it('is a medium bug when no label gives a severity', () => {
    expect(classify('bug', 'needs-triage')).toEqual({ kind: 'bug', severity: 'medium' });
  });

  it('follows a repository’s own labels', () => {
    const own = {
      bugLabels: ['defect'],
      severityLabels: { sev1: 'critical' as const },
      upkeepLabels: ['housekeeping'],
    };
    expect(classifyIssue(['defect', 'sev1'], own)).toEqual({ kind: 'bug', severity: 'critical' });
    expect(classifyIssue(['bug'], own)).toEqual(growth);
    expect(classifyIssue(['chore'], own)).toEqual(growth);
    expect(classifyIssue(['Housekeeping'], own)).toEqual({ kind: 'feature', upkeep: true });
  });

  it('reads the common spellings of a bug label as it: emoji, case, a type or kind prefix', () => {
    for (const label of [
      'Bug 🐛',
      '🐞 bug',
      'BUG',
      'kind: bug',
      'kind/bug',
      'type/bug',
      'Type: Bug',
      'type-bug',
      'type bug',
      'type::bug',
      '[bug]',
      'bug:',
    ])
      expect([label, classify(label, 'P0')]).toEqual([label, { kind: 'bug', severity: 'critical' }]);
  });

  it('reads no bug in a label that only has the word in it, nor in GitHub’s other default labels', () => {
    const others = [
      'debug',
      'bug bounty',
      'not a bug',
      'bugfix-needed',
      'bugs',
      'bug report',
      '🐛',
      'typebug',
      'type: feature',
      // A triage label's "maybe a bug", however it is spelled, is no confirmed bug.
      'bug?',
      'Bug ?',
      '[bug?]',
      'type: bug?',
      'bug?!',
      'bug？',
    ];
    const github = [
      'documentation',
      'duplicate',
      'enhancement',
      'good first issue',
      'help wanted',
      'invalid',
      'question',
      'wontfix',
    ];
    for (const label of [...others, ...github])
      expect([label, classify(label).kind]).toEqual([label, 'feature']);
  });

  it('matches a list the team gave as written, spellings aside', () => {
    const own = { ...DEFAULTS, bugLabels: ['bug'] };
    expect(classifyIssue(['Bug'], own)).toMatchObject({ kind: 'bug' });
    expect(classifyIssue(['Bug 🐛'], own)).toEqual(growth);
    expect(classifyIssue(['kind: bug'], own)).toEqual(growth);
    // The default list in another order is still the default.
    const reordered = { ...DEFAULTS, bugLabels: [...DEFAULT_BUG_LABELS].reverse() };
    expect(classifyIssue(['Bug 🐛'], reordered)).toMatchObject({ kind: 'bug' });
  });

  it('names the labels it reads as bug labels, each once, as written', () => {
    expect(bugLabelsAmong(['P0', 'Bug 🐛', 'kind: bug', 'Bug 🐛', 'debug'], DEFAULT_BUG_LABELS)).toEqual([
      'Bug 🐛',
      'kind: bug',
    ]);
    expect(bugLabelsAmong(['Bug 🐛', 'defect'], ['defect'])).toEqual(['defect']);
  });

  it('reads a label that every object has a property of (constructor, toString) as no severity', () => {
    expect(classify('bug', 'constructor', 'toString')).toEqual({ kind: 'bug', severity: 'medium' });
  });
});

describe('the focus area a label names', () => {
  it('reads a label as the vision spells areas, with or without an area prefix, in any case', () => {
    expect(areaOfLabel('Billing')).toBe('billing');
    expect(areaOfLabel('area: billing')).toBe('billing');
    expect(areaOfLabel('Area/Billing')).toBe('billing');
    expect(areaOfLabel('focus:billing')).toBe('billing');
    expect(areaOfLabel(' Self-serve onboarding ')).toBe('self_serve_onboarding');
  });

  it('reads no area in a label no area can be spelled as', () => {
    for (const label of ['good first issue?', '💸 billing', '3d', 'area:', 'billing (EU)', 'x'.repeat(49)])
      expect(areaOfLabel(label)).toBeNull();
  });

  it('keeps only the labels that say nothing else here, as written', () => {
    const labels = [
      'bug',
      'P1',
      'chore',
      'estimate: 2h',
      'size 1d',
      'wontfix',
      'Area: Billing',
      'needs-triage',
    ];
    expect(areaLabelsOf(labels, DEFAULTS)).toEqual(['Area: Billing', 'needs-triage']);
  });
});

describe('a repository as a person names it', () => {
  it.each([
    ['acme/booking-app', 'acme/booking-app'],
    ['  acme/booking-app ', 'acme/booking-app'],
    ['https://github.com/acme/booking-app', 'acme/booking-app'],
    ['https://github.com/acme/booking-app.git', 'acme/booking-app'],
    ['git@github.com:acme/booking.app.git', 'acme/booking.app'],
    ['https://github.example.com/acme/app/', 'acme/app'],
  ])('reads %j as %s', (input, expected) => {
    expect(parseRepoName(input)).toBe(expected);
  });

  it.each([
    ['https://gitlab.com/acme/app', { fullName: 'acme/app', host: 'gitlab.com' }],
    ['git@gitlab.com:acme/app.git', { fullName: 'acme/app', host: 'gitlab.com' }],
    // An SSH host alias (~/.ssh/config) says nothing of the host: taken as owner/name.
    ['git@github-work:acme/app.git', { fullName: 'acme/app', host: null }],
  ])('reads %j with the host it names', (input, expected) => {
    expect(parseRepoSpec(input)).toEqual(expected);
  });

  it.each([
    'acme',
    'acme/',
    '/app',
    'acme/app/issues',
    '-acme/app',
    'acme/..',
    'ac me/app',
    '',
  ])('refuses %j', (input) => {
    expect(parseRepoName(input)).toBeNull();
  });
});

describe('what a pull request names', () => {
  it('finds task refs in its title and body, each once, never inside a word', () => {
    expect(taskRefsIn('Goalpost: T-12 — fix the widget (T-3), again T-12')).toEqual(['T-12', 'T-3']);
    expect(taskRefsIn('ST-12, T-12a, T-0 and RT-4 are not refs')).toEqual([]);
  });

  it('finds the issues it closes with GitHub’s keywords, in its own repository only', () => {
    const body = 'Closes #4, fixes: #7 and resolved acme/app#9. Also closes other/repo#5; mentions #8.';
    expect(closedIssuesIn(body, 'acme/app')).toEqual([4, 7, 9]);
    expect(closedIssuesIn('Fixed ACME/App#2', 'acme/app')).toEqual([2]);
  });
});

describe('estimateOfLabels', () => {
  it.each([
    [['estimate: 3h'], 3],
    [['est:90m'], 1.5],
    [['effort/2d'], 16],
    [['Estimate: 30 min'], 0.5],
    [['size 1.5 hours'], 1.5],
    [['estimate: 1w'], 40],
    [['estimate: 3h30m'], 3.5],
    [['estimate: 3h30'], 3.5],
    [['estimate: 3h75'], null],
    [['enhancement', 'estimate: 4h'], 4],
    [['estimate: 2h', 'estimate: 5h'], 5],
    [['4h'], null],
    [['3D', '1H', '6M', '24h', '7d'], null],
    [['3'], null],
    [['3 points'], null],
    [['size: M'], null],
    [['P1', 'bug'], null],
    [['estimate: 2m'], null],
    [['estimate: 20000h'], null],
    [[], null],
  ])('reads %j as %s hours', (labels, hours) => {
    expect(estimateOfLabels(labels)).toBe(hours);
  });
});
