import { describe, expect, it } from 'vitest';
import { readRejectModal, rejectModal } from '../../../../adapters/discord/render-discord.js';
import { ValidationError } from '../../../../src/index.js';

describe('reject modal', () => {
  const task = { taskId: 12, ref: 'T-12', title: 'Add annual billing', status: 'approved' as const };

  it('asks for a required reason and reads it back', () => {
    const modal = rejectModal(task);
    expect(modal.custom_id).toBe('goalpost:reject-modal:12:approved');
    expect(modal.title).toBe('Reject T-12');
    const [row] = modal.components;
    const input = row && 'components' in row ? row.components[0] : undefined;
    expect(input).toMatchObject({ type: 4, custom_id: 'reason', style: 2, required: true, max_length: 1000 });
    expect(input?.label?.length).toBeLessThanOrEqual(45);
    const submitted = {
      custom_id: modal.custom_id,
      components: [{ components: [{ custom_id: 'reason', value: '  not now  ' }] }],
    };
    expect(readRejectModal(submitted)).toEqual({ taskId: 12, status: 'approved', reason: 'not now' });
    // Newer clients wrap inputs in labels.
    const labelled = {
      custom_id: modal.custom_id,
      components: [{ component: { custom_id: 'reason', value: 'x'.repeat(1500) } }],
    };
    expect(readRejectModal(labelled).reason.length).toBe(1000);
  });

  it('keeps a long ref within the 45-char title', () => {
    expect(rejectModal({ ...task, ref: `T-${'9'.repeat(60)}` }).title.length).toBeLessThanOrEqual(45);
  });

  it('refuses another modal, a missing input and a blank reason', () => {
    const id = 'goalpost:reject-modal:12:approved';
    const row = (value: string) => [{ components: [{ custom_id: 'reason', value }] }];
    expect(() => readRejectModal({ custom_id: 'other:12', components: row('x') })).toThrow(
      /not a Goalpost reject form/,
    );
    expect(() =>
      readRejectModal({ custom_id: 'goalpost:reject-modal:12:bogus', components: row('x') }),
    ).toThrow(/not a Goalpost/);
    expect(() => readRejectModal({ custom_id: id, components: [] })).toThrow(
      /the reject form has no reason field/,
    );
    expect(() => readRejectModal({ custom_id: id, components: row('   ') })).toThrow(ValidationError);
  });
});
