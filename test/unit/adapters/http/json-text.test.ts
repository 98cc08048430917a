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

  // JSON.parse reads 1e309 as Infinity: the text is the only place left that says what was sent.
  it('finds a number too large for a double, as written, with the field it is the value of', () => {
    expect(jsonShape('{"maxTasks": 1e309}').tooLarge).toEqual({ field: 'maxTasks', text: '1e309' });
    expect(jsonShape('{"a":{"x":1},"run":{"minutes":-2E+400}}').tooLarge).toEqual({
      field: 'run.minutes',
      text: '-2E+400',
    });
    expect(jsonShape('{"points":[{"value":1},{"value":1e999}]}').tooLarge).toEqual({
      field: 'points.1.value',
      text: '1e999',
    });
    // An item of a list is named by its list, as validate names it.
    expect(jsonShape('{"tags":[1,2,1e400]}').tooLarge).toEqual({ field: 'tags', text: '1e400' });
    expect(jsonShape('[{"a":1},{"a":1},{"value":1e309}]').tooLarge).toEqual({
      field: '2.value',
      text: '1e309',
    });
  });

  it('takes large doubles, numbers in strings and text that is no number as no number too large', () => {
    for (const text of [
      '{"a":1e308,"b":-1.7976931348623157e308,"c":1e-400}',
      '{"a":"1e309"}',
      '{"1e309":1}',
      '{"a":1.2.3e999x}',
    ]) {
      expect(jsonShape(text).tooLarge, text).toBeNull();
    }
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
