import { describe, expect, it } from 'vitest';
import { notTheTeamsWork } from '../../../src/engine/reason-owner.js';

const AT = Date.parse('2026-11-21T09:00:00Z');
const PRODUCTS = ['Tallyo', 'Shiftly'];

describe('a rejection’s reason saying the work is not the team’s', () => {
  it('is read from an owner named owning it, or the team saying it is not its own', () => {
    for (const reason of [
      'marketing owns acquisition',
      'Acquisition is owned by the growth squad',
      'that belongs to sales',
      'it’s the CS team’s job',
      'the data team handles surveys',
      'handled by the agency',
      'not our job',
      'Not our area, ask ops',
      'outside our remit',
    ])
      expect(notTheTeamsWork(reason, PRODUCTS, AT), reason).toBe(true);
  });

  // A wrong reading holds the work 240 days, on every product (reviews found these read as "not ours").
  it('is not read from a reason about when, about who decides, or that duplicates other work', () => {
    for (const reason of [
      'not now',
      'too expensive this quarter',
      'we own acquisition, but not this month',
      'marketing owns acquisition until January',
      'duplicate of the growth plan the marketing team owns',
      'we will build our own instead',
      'on its own this does nothing',
      'nobody owns this yet',
      'who owns this?',
      'belongs to next quarter',
      'this belongs to the pricing epic',
      'not my call, ask Ana',
      'blocked on another team',
      'other team members are on holiday',
      'out of scope for this sprint',
      'we don’t run experiments before launch',
      "that's tomorrow's job",
      "the app's domain isn't verified yet",
      'our job is to ship the rewrite first',
      // A review of the hold's 240 days found these read as someone else's work.
      'The data does not support this',
      'Data does not show anyone wants it',
      'The design does not fit our brand',
      'The team does not have capacity for this',
      'Growth does not justify the cost',
      'Finance does not want another vendor',
      'Security does not allow third-party trackers',
      'Ops runs this script by hand, works fine',
      'Already done by the team last sprint',
      'the current design does the job already',
      'not our area of focus',
      'not our business model',
      null,
    ])
      expect(notTheTeamsWork(reason, PRODUCTS, AT), String(reason)).toBe(false);
  });

  it('is not read from a reason that names a product, as words of their own', () => {
    expect(notTheTeamsWork("an agency runs Tallyo's ads: marketing owns them", PRODUCTS, AT)).toBe(false);
    expect(notTheTeamsWork('marketing owns acquisition', ['Mark', 'Shiftly'], AT)).toBe(true);
  });
});
