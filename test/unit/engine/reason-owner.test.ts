import { describe, expect, it } from 'vitest';
import { notTheTeamsWork } from '../../../src/engine/reason-owner.js';

describe('a rejection’s reason saying the work is not the team’s', () => {
  it('is read from who owns it or what the team does not do', () => {
    for (const reason of [
      'marketing owns acquisition',
      'Acquisition is owned by the growth squad',
      'that belongs to sales',
      'it’s the CS team’s job',
      'not our job',
      'Not our area, ask ops',
      'another team handles outreach',
      'out of scope for us',
      'we don’t do paid ads',
      'We do not run surveys',
    ])
      expect(notTheTeamsWork(reason, 'Tallyo'), reason).toBe(true);
  });

  it('is not read from a reason about when, how much or the product itself', () => {
    for (const reason of [
      'not now',
      'too expensive this quarter',
      'until January',
      'we tried this last year',
      'our job is to ship the rewrite first',
      "an agency owns Tallyo's ads",
      null,
    ])
      expect(notTheTeamsWork(reason, 'Tallyo'), String(reason)).toBe(false);
  });
});
