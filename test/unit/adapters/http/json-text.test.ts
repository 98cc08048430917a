import { describe, expect, it } from 'vitest';
import { jsonShape, utf8Text } from '../../../../adapters/http/json-text.js';

describe('a JSON body’s shape before it is parsed', () => {
  it('finds a key given twice in one object, named by its path', () => {
    expect(jsonShape('{"decision":"approve","decision":"reject"}').repeated).toBe('decision');
    expect(jsonShape('{"run":{"reason":"a", "reason" : "b"}}').repeated).toBe('run.reason');
    expect(jsonShape('{"points":[{"name":"a"},{"name":"b","name":"c"}]}').repeated).toBe('points.name');
    // The same text as an escape is the same key.
    expect(jsonShape('{"a":1,"\\u0061":2}').repeated).toBe('a');
  });

  it('takes the same key in two objects, a key in a string, or a value equal to a key as no repeat', () => {
    expect(jsonShape('{"a":{"x":1},"b":{"x":1}}').repeated).toBeNull();
    expect(jsonShape('{"a":{"k":1},"b":[{"x":1,"y":2}]}').repeated).toBeNull();
    expect(jsonShape('{"reason":"\\"reason\\": again","note":"reason"}').repeated).toBeNull();
    expect(jsonShape('["a","a",{"a":"a"}]').repeated).toBeNull();
    expect(jsonShape('{"a":"{\\"a\\":1}"}').repeated).toBeNull();
  });

  it('counts nesting outside strings only', () => {
    expect(jsonShape('{"a":[[[1]]]}').depth).toBe(4);
    expect(jsonShape(`{"a":"${'['.repeat(50)}"}`).depth).toBe(1);
  });

  it('reads UTF-8 and refuses bytes that are not', () => {
    expect(utf8Text(Buffer.from('café', 'utf8'))).toBe('café');
    expect(utf8Text(Buffer.from('café', 'latin1'))).toBeNull();
  });
});
