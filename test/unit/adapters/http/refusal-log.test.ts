import { describe, expect, it } from 'vitest';
import { refusalWarning } from '../../../../adapters/http/refusal-log.js';
import type { Logger } from '../../../../src/index.js';

describe('refusalWarning', () => {
  it('warns of the first refusal, then at most once a minute, counting those refused meanwhile', () => {
    const lines: Array<{ obj: object; msg: string }> = [];
    const log: Logger = {
      debug: () => {},
      info: () => {},
      warn: (obj, msg) => lines.push({ obj, msg: msg ?? '' }),
      error: () => {},
      child: () => log,
    };
    let now = 0;
    const refused = refusalWarning(
      log,
      'refused',
      60_000,
      () => now,
      () => {},
    );
    refused('bad signature', '10.0.0.1');
    now = 30_000;
    refused('bad signature', '10.0.0.1');
    refused('missing signature', '10.0.0.2');
    now = 61_000;
    refused('bad signature', '10.0.0.3');
    now = 62_000;
    refused('bad signature', '10.0.0.3');
    expect(lines).toEqual([
      { obj: { reason: 'bad signature', from: '10.0.0.1' }, msg: 'refused' },
      { obj: { reason: 'bad signature', from: '10.0.0.3', alsoRefused: 2 }, msg: 'refused' },
    ]);
  });

  it('counts a burst that stopped at the end of its minute, not never', () => {
    const lines: object[] = [];
    const log: Logger = {
      debug: () => {},
      info: () => {},
      warn: (obj) => lines.push(obj),
      error: () => {},
      child: () => log,
    };
    let now = 0;
    const due: Array<{ at: number; fn: () => void }> = [];
    const refused = refusalWarning(
      log,
      'refused',
      60_000,
      () => now,
      (fn, ms) => due.push({ at: now + ms, fn }),
    );
    refused('bad signature', '10.0.0.1');
    now = 10_000;
    refused('bad signature', '10.0.0.1');
    now = 20_000;
    refused('bad signature', '10.0.0.2');
    refused('bad signature', '10.0.0.2');
    // One flush, due when the minute that began with the first line ends; then nothing comes.
    expect(due.map((d) => d.at)).toEqual([60_000]);
    now = 60_000;
    for (const d of due.splice(0)) d.fn();
    expect(lines).toEqual([
      { reason: 'bad signature', from: '10.0.0.1' },
      { reason: 'bad signature', from: '10.0.0.2', alsoRefused: 2 },
    ]);
  });
});
