import { describe, expect, it } from 'vitest';
import { renderTemplate, templatePlaceholders } from '../../../src/engine/render-template.js';
import { ValidationError } from '../../../src/errors.js';

describe('renderTemplate', () => {
  it('fills every placeholder, repeated ones too', () => {
    expect(renderTemplate('Fix {bug} in {project} ({project})', { bug: 'Login', project: 'EDU' })).toBe(
      'Fix Login in EDU (EDU)',
    );
  });

  it('leaves a template without placeholders as it is', () => {
    expect(renderTemplate('Interview churned customers', {})).toBe('Interview churned customers');
  });

  it('names every unknown placeholder', () => {
    const render = () => renderTemplate('Fix {bugs} in {project} for {customer}', { project: 'EDU' });
    expect(render).toThrow(ValidationError);
    expect(render).toThrow(/unknown placeholders \{bugs\}, \{customer\}/);
  });

  it('refuses a known placeholder without a value', () => {
    expect(() => renderTemplate('Fix {bug}', {})).toThrow(/no value for \{bug\}/);
  });
});

describe('templatePlaceholders', () => {
  it('lists placeholder names in order of first use, each once', () => {
    expect(templatePlaceholders('{project}: {bug} in {project}, {}')).toEqual(['project', 'bug', '']);
  });
});
