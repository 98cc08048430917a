import { describe, expect, it } from 'vitest';
import { renderTemplate, templatePlaceholders } from '../../../src/engine/render-template.js';
import { ValidationError } from '../../../src/errors.js';

describe('renderTemplate', () => {
  it('fills every placeholder, repeated ones too', () => {
    expect(renderTemplate('Fix {bug} in {project} ({project})', { bug: 'Login', project: 'EDU' })).toBe(
      'Fix Login in EDU (EDU)',
    );
  });

  // A review found "Find out why Quotewise Payments's revenue fell" beside cards saying "Payments'".
  it("writes a value's possessive as the cards do", () => {
    const title = "Find out why {project}'s revenue fell";
    expect(renderTemplate(title, { project: 'Quotewise Payments' })).toBe(
      "Find out why Quotewise Payments' revenue fell",
    );
    expect(renderTemplate(title, { project: 'Ledgerly' })).toBe("Find out why Ledgerly's revenue fell");
    // Not a word that only starts so.
    expect(renderTemplate("{project}'sake", { project: 'Payments' })).toBe("Payments'sake");
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
