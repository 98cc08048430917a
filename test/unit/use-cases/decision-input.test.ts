import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { taskRef, validate } from '../../../src/domain/validate.js';
import { outcomeInput, parseOutcome, parseRef } from '../../../src/use-cases/tasks.js';

/** What a parse gives: its value, or its error's message (the two must agree on both). */
function outcomeOf(parse: () => unknown): unknown {
  try {
    return { value: parse() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

// A decision's ref and outcome details skip zod when they come already parsed: whatever comes,
// the result (or the error) must be the one zod gives.
describe('a decision input taken as it is only when zod would give it back unchanged', () => {
  const refs: unknown[] = [
    'T-1',
    'T-12',
    'T-999999999',
    'T-1000000000',
    't-12',
    'T-012',
    'T-0',
    ' T-12',
    'T-12 ',
    '12',
    'T-',
    'T-1e3',
    'T-12\n',
    'T-١٢',
    '',
    12,
    null,
    undefined,
    { ref: 'T-1' },
  ];
  it.each(refs.map((r) => [JSON.stringify(r) ?? String(r), r]))('ref %s', (_, ref) => {
    const zod = () => validate(z.object({ ref: taskRef() }), { ref }).ref;
    expect(outcomeOf(() => parseRef(ref))).toEqual(outcomeOf(zod));
  });

  const details: Array<{ assignee?: unknown; minutes?: unknown }> = [
    {},
    { assignee: 'dev_worker1' },
    { assignee: ' dev_worker1' },
    { assignee: 'dev_worker1\t' },
    { assignee: '' },
    { assignee: '   ' },
    { assignee: 7 },
    { minutes: 0 },
    { minutes: -0 },
    { minutes: 45.5 },
    { minutes: 525_600 },
    { minutes: 525_601 },
    { minutes: -1 },
    { minutes: Number.NaN },
    { minutes: Number.POSITIVE_INFINITY },
    { minutes: '45' },
    { minutes: ' 45 ' },
    { minutes: 'soon' },
    { minutes: null },
    { assignee: 'Ana', minutes: 30 },
    { assignee: 'Ana ', minutes: 30 },
    { assignee: 'Ana', minutes: '30' },
  ];
  it.each(details.map((d) => [JSON.stringify(d), d]))('outcome %s', (_, detail) => {
    expect(outcomeOf(() => parseOutcome(detail))).toEqual(outcomeOf(() => validate(outcomeInput(), detail)));
  });
});
