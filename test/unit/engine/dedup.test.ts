import { beforeEach, describe, expect, it, vi } from 'vitest';
import { byScore, compareKeys, dedupCandidates } from '../../../src/engine/dedup.js';
import * as fingerprints from '../../../src/engine/fingerprint.js';
import { jaccard, normaliseTitle, titleFingerprint } from '../../../src/engine/fingerprint.js';
import { instantiatePlaybooks } from '../../../src/engine/instantiate-playbooks.js';
import { Ranked } from '../../../src/engine/plan-part.js';
import { buildEduInput, makeTask } from '../../fixtures/edu.js';
import { candidate } from './candidate.js';

// The hash, counted: playbook work is hashed only when that is the only way to compare it.
vi.mock('../../../src/engine/fingerprint.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/engine/fingerprint.js')>();
  return { ...actual, hashFingerprint: vi.fn(actual.hashFingerprint) };
});

const STRIPE = 'Implement Stripe checkout for Basic EDU Apps subscription tiers';

describe('normaliseTitle and titleFingerprint', () => {
  it('ignore case, punctuation, stopwords and plurals', () => {
    expect(normaliseTitle('Implement the Stripe checkout, for Basic EDU apps!')).toEqual([
      'app',
      'basic',
      'checkout',
      'edu',
      'implement',
      'stripe',
    ]);
    expect(titleFingerprint(1, 'Implement the Stripe checkout for Basic EDU apps')).toBe(
      titleFingerprint(1, 'implement stripe checkout: basic edu app'),
    );
    expect(titleFingerprint(1, STRIPE)).toMatch(/^[0-9a-f]{32}$/);
    expect(titleFingerprint(1, STRIPE)).not.toBe(titleFingerprint(2, STRIPE));
    expect(titleFingerprint(null, STRIPE)).not.toBe(titleFingerprint(1, STRIPE));
  });

  it('measures Jaccard similarity of word sets', () => {
    expect(jaccard(['a', 'b', 'c'], ['b', 'c', 'd'])).toBe(0.5);
    expect(jaccard([], [])).toBe(1);
    expect(jaccard(['a'], [])).toBe(0);
  });
});

describe('dedupCandidates', () => {
  it('skips a task that duplicates an open one, naming its ref', () => {
    const open = [
      makeTask({ id: 41, ref: 'T-41', title: 'Write docs', projectId: 1 }),
      makeTask({
        id: 42,
        ref: 'T-42',
        title: 'Implement the Stripe checkout for Basic EDU Apps subscriptions',
        projectId: 1,
      }),
    ];
    const result = dedupCandidates(
      [candidate('pay.stripe@1', 20, { title: STRIPE }), candidate('b@1', 5)],
      open,
    );
    expect(result.skipped).toEqual([
      { title: STRIPE, duplicateOf: 'T-42', similarity: 0.88, reason: 'duplicate' },
    ]);
    expect(result.kept.map((c) => c.key)).toEqual(['b@1']);
    expect(result.redirects.get('pay.stripe@1')).toBe('T-42');
  });

  it('skips on an equal fingerprint whatever the wording', () => {
    const open = [
      makeTask({ id: 7, title: 'something else', projectId: 1, fingerprint: titleFingerprint(1, STRIPE) }),
    ];
    const result = dedupCandidates([candidate('pay.stripe@1', 20, { title: STRIPE })], open);
    expect(result.skipped).toEqual([
      { title: STRIPE, duplicateOf: 'T-7', similarity: 1, reason: 'duplicate' },
    ]);
  });

  it('keeps a similar title on another project', () => {
    const open = [makeTask({ id: 42, title: STRIPE, projectId: 2 })];
    const result = dedupCandidates([candidate('pay.stripe@1', 20, { title: STRIPE })], open);
    expect(result.skipped).toEqual([]);
    expect(result.kept).toHaveLength(1);
  });

  it('keeps the better-scored of two duplicates in the batch and skips the other with its title', () => {
    const result = dedupCandidates(
      [
        candidate('pay.checkout@1', 10, {
          title: 'Implement Stripe checkout for Basic EDU Apps subscriptions',
        }),
        candidate('pay.stripe@1', 20, { title: STRIPE }),
      ],
      [],
    );
    expect(result.kept.map((c) => c.key)).toEqual(['pay.stripe@1']);
    expect(result.skipped).toEqual([
      {
        title: 'Implement Stripe checkout for Basic EDU Apps subscriptions',
        duplicateOf: STRIPE,
        similarity: 0.88,
        reason: 'duplicate',
      },
    ]);
    expect(result.redirects.get('pay.checkout@1')).toBe('pay.stripe@1');
  });

  it('keeps titles below the similarity threshold, and honours a custom threshold', () => {
    const pair = [
      candidate('a@1', 2, { title: 'Build pricing page for EDU' }),
      candidate('b@1', 1, { title: 'Build pricing page for Games' }),
    ];
    expect(dedupCandidates(pair, []).kept).toHaveLength(2); // 3 of 5 words: 0.6
    expect(dedupCandidates(pair, [], 0.6).skipped).toEqual([
      {
        title: 'Build pricing page for Games',
        duplicateOf: 'Build pricing page for EDU',
        similarity: 0.6,
        reason: 'duplicate',
      },
    ]);
  });

  it('orders kept candidates by score, ties by key', () => {
    const result = dedupCandidates([candidate('c@1', 1), candidate('b@1', 3), candidate('a@1', 3)], []);
    expect(result.kept.map((c) => c.key)).toEqual(['a@1', 'b@1', 'c@1']);
  });
});

describe('dedup across subjects', () => {
  it('keeps two tasks about different bugs, however alike their titles read', () => {
    const a = candidate('fix.critical@1#4', 50, {
      title: 'Fix critical bug: crash number 1 in checkout',
      subject: '4',
    });
    const b = candidate('fix.critical@1#5', 40, {
      title: 'Fix critical bug: crash number 2 in checkout',
      subject: '5',
    });
    const same = candidate('fix.critical@1#4~2', 30, {
      title: 'Fix critical bug: crash number 1 in checkout',
      subject: '4',
    });
    const { kept, skipped } = dedupCandidates([a, b, same], []);
    expect(kept.map((c) => c.key)).toEqual(['fix.critical@1#4', 'fix.critical@1#5']);
    expect(skipped).toEqual([
      {
        title: 'Fix critical bug: crash number 1 in checkout',
        duplicateOf: 'Fix critical bug: crash number 1 in checkout',
        similarity: 1,
        reason: 'duplicate',
      },
    ]);
  });

  it('skips the second of two backlog items that read the same: one piece of work typed twice', () => {
    const first = candidate('feature:7', 29, {
      title: "Build 'Paid quiz packs' for EDU Quiz Builder",
      subject: 'feature:7',
      memoryKey: 'feature:7',
    });
    const again = candidate('feature:9', 10, {
      title: "Build 'paid  Quiz-Packs!' for EDU Quiz Builder",
      subject: 'feature:9',
      memoryKey: 'feature:9',
    });
    const open = [
      makeTask({
        id: 2,
        title: "Build 'Paid quiz pack' for EDU Quiz Builder",
        projectId: 1,
        memoryKey: 'feature:5',
      }),
    ];
    expect(dedupCandidates([first, again], []).skipped).toEqual([
      { title: again.title, duplicateOf: first.title, similarity: 1, reason: 'duplicate' },
    ]);
    // … and behind an open task made from the first, both are.
    expect(dedupCandidates([first, again], open).skipped.map((s) => s.duplicateOf)).toEqual(['T-2', 'T-2']);
  });

  it('skips the same backlog item whatever its task is titled now', () => {
    const open = [
      makeTask({
        id: 9,
        title: "Build 'Pricing page' for Basic EDU Apps",
        projectId: 1,
        memoryKey: 'feature:3',
      }),
    ];
    const renamed = candidate('feature:3', 20, {
      title: "Build 'Pricing page with annual plans' for Basic EDU Apps",
      subject: 'feature:3',
      memoryKey: 'feature:3',
      item: { kind: 'feature', id: 3 },
    });
    expect(dedupCandidates([renamed], open).skipped).toEqual([
      { title: renamed.title, duplicateOf: 'T-9', similarity: 1, reason: 'duplicate' },
    ]);
  });
});

describe('phrasal verbs in titles', () => {
  it('skip "Sign up page" beside an open "Signup page", and keep "Sign in page"', () => {
    const open = [makeTask({ id: 9, ref: 'T-9', title: 'Signup page', projectId: 1 })];
    const result = dedupCandidates(
      [
        candidate('a@1', 20, { title: 'Sign up page' }),
        candidate('b@1', 10, { title: 'Sign in page' }),
        candidate('c@1', 5, { title: 'Sign-ups page' }),
      ],
      open,
    );
    expect(result.skipped).toEqual([
      { title: 'Sign up page', duplicateOf: 'T-9', similarity: 1, reason: 'duplicate' },
      { title: 'Sign-ups page', duplicateOf: 'T-9', similarity: 1, reason: 'duplicate' },
    ]);
    expect(result.kept.map((c) => c.title)).toEqual(['Sign in page']);
  });

  it('keep two bugs that differ in their particle, and skip one typed with the compound', () => {
    const bug = (key: string, title: string, subject: string) => candidate(key, 10, { title, subject });
    const result = dedupCandidates(
      [
        bug('fix@1', 'Log in fails on Safari', 'bug:1'),
        bug('fix@2', 'Log out fails on Safari', 'bug:2'),
        bug('fix@3', 'Logout fails on Safari', 'bug:3'),
      ],
      [],
    );
    expect(result.kept.map((c) => c.title)).toEqual(['Log in fails on Safari', 'Log out fails on Safari']);
    expect(result.skipped.map((s) => [s.title, s.duplicateOf])).toEqual([
      ['Logout fails on Safari', 'Log out fails on Safari'],
    ]);
  });
});

describe('numbers in titles', () => {
  it('do not make the same work look new: the fingerprint ignores them', () => {
    expect(titleFingerprint(1, 'Run an experiment to add $783/month of revenue by 2027-02')).toBe(
      titleFingerprint(1, 'Run an experiment to add $999/month of revenue by 2027-03'),
    );
  });
});

describe('playbook tasks', () => {
  // Two playbooks answering project 1's revenue gap with the same work, counted differently.
  const input = buildEduInput();
  const playbook = (key: string, title: string) => ({
    id: 0,
    workspaceId: input.vision.workspaceId,
    key,
    signal: 'revenue_gap' as const,
    focusArea: null,
    category: 'revenue' as const,
    title,
    effortHours: 2,
    impactShare: 0,
    dependsOn: [],
    recurDays: null,
    enabled: true,
  });
  /** The two playbook tasks, new (nothing hashed yet), the first scored higher. */
  const fresh = () =>
    instantiatePlaybooks(
      [
        {
          kind: 'revenue_gap',
          key: 'revenue_gap:1',
          projectId: 1,
          focusArea: null,
          stake: null,
          urgency: 0.5,
          params: { project: 'Basic EDU Apps' },
          fact: 'Basic EDU Apps earns less than its target',
        },
      ],
      {
        vision: input.vision,
        projects: input.projects,
        playbooks: [
          playbook('email.few', 'Email 50 lapsed customers of {project}'),
          playbook('email.many', 'Email 200 lapsed customers of {project}'),
        ],
        openTasks: [],
      },
    ).map((d, i) => new Ranked(d, 10 - i, d.tier, [], null));
  const hashed = vi.mocked(fingerprints.hashFingerprint);
  beforeEach(() => {
    hashed.mockClear();
  });

  it('are the same work when their titles differ only in numbers, told without hashing either', () => {
    const { kept, skipped } = dedupCandidates(fresh(), []);
    expect(kept.map((c) => c.title)).toEqual(['Email 50 lapsed customers of Basic EDU Apps']);
    expect(skipped).toEqual([
      {
        title: 'Email 200 lapsed customers of Basic EDU Apps',
        duplicateOf: 'Email 50 lapsed customers of Basic EDU Apps',
        similarity: 1,
        reason: 'duplicate',
      },
    ]);
    expect(hashed).not.toHaveBeenCalled();
  });

  it('are compared with an open task made from a backlog item without being hashed', () => {
    const open = [
      makeTask({ id: 7, title: "Build 'Pricing page'", projectId: 1, fingerprint: 'item:feature:3' }),
    ];
    expect(dedupCandidates(fresh(), open).kept).toHaveLength(1);
    expect(hashed).not.toHaveBeenCalled();
  });

  it('are hashed to be compared with an open playbook task, which is found by its stored fingerprint', () => {
    const title = 'Email 200 lapsed customers of Basic EDU Apps';
    const open = [
      makeTask({ id: 8, title: 'Customer outreach', projectId: 1, fingerprint: titleFingerprint(1, title) }),
    ];
    const [first] = fresh();
    expect(dedupCandidates(first ? [first] : [], open).skipped).toEqual([
      {
        title: 'Email 50 lapsed customers of Basic EDU Apps',
        duplicateOf: 'T-8',
        similarity: 1,
        reason: 'duplicate',
      },
    ]);
    expect(hashed).toHaveBeenCalledTimes(1);
    // The fingerprint a saved task of its title stores.
    expect(first?.fingerprint).toBe(titleFingerprint(1, title));
  });
});

describe('compareKeys, the tie-break of equal work', () => {
  it('orders ids by their number, so equal items come in the order they were filed', () => {
    const keys = ['feature:10', 'feature:9', 'feature:100', 'feature:2', 'feature:11'];
    expect([...keys].sort(compareKeys)).toEqual([
      'feature:2',
      'feature:9',
      'feature:10',
      'feature:11',
      'feature:100',
    ]);
  });

  it('keeps text order where there is no number, and is a total order', () => {
    expect(compareKeys('bug:3', 'feature:1')).toBeLessThan(0);
    expect(compareKeys('churn.interview:project:7', 'churn.interview:project:12')).toBeLessThan(0);
    expect(compareKeys('growth.a~2', 'growth.a~10')).toBeLessThan(0);
    expect(compareKeys('feature:07', 'feature:7')).not.toBe(0);
    expect(compareKeys('feature:7', 'feature:7')).toBe(0);
    expect(compareKeys('feature:7', 'feature:7x')).toBeLessThan(0);
  });

  it('breaks a tie of score by it', () => {
    const at = (key: string) => ({ key, tier: 0, score: 34.4 });
    expect([at('feature:10'), at('feature:9')].sort(byScore).map((c) => c.key)).toEqual([
      'feature:9',
      'feature:10',
    ]);
  });
});
