import { describe, expect, it } from 'vitest';
import { renderTemplate, templateReferences } from '../../src/core/work/template';

// inject's template syntax on its own: which {{ }} are references, how a reference is
// split into key and field, and how a multi-line value keeps a YAML block's indentation.

const fill = (template: string) => renderTemplate(template, ({ ref, field }) => `<${ref}|${field}>`);

describe('config templates', () => {
  it('splits a reference at its last slash, so a kid (which has one) names a key', () => {
    const { references, problems } = templateReferences(
      '{{ jaas://vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe/4f4910/kid }}',
    );
    expect(problems).toEqual([]);
    expect(references).toEqual([
      { index: 0, ref: 'vpaas-magic-cookie-1fc542a3e4414a44b2611668195e2bfe/4f4910', field: 'kid', line: 1 },
    ]);
  });

  it('takes a percent-encoded key, and a stray % as it is', () => {
    expect(templateReferences('{{ jaas://prod%2Feu/appId }}').references[0]!.ref).toBe('prod/eu');
    expect(templateReferences('{{ jaas://100%/appId }}').references[0]!.ref).toBe('100%');
  });

  it('leaves every other {{ }} alone, and names each malformed reference by line', () => {
    expect(fill('a {{ .Values.x }} b {{ jaas://k/kid }} c {{name}}')).toBe('a {{ .Values.x }} b <k|kid> c {{name}}');
    const { problems } = templateReferences('ok\n{{ jaas:k }}\n{{ jaas://k/nope }}\n{{ jaas:// }}');
    expect(problems).toEqual([
      'line 2: a reference is {{ jaas://KEY/FIELD }}, such as {{ jaas://APP_ID/kid }}.',
      'line 3: "nope" is not a field; the fields are appId, kid, privateKeyPkcs8, privateKeyPkcs1, privateKeyEscaped, privateKeyBase64, publicKey.',
      'line 4: a reference is {{ jaas://KEY/FIELD }}, such as {{ jaas://APP_ID/kid }}.',
    ]);
  });

  it('indents a multi-line value as its line is, and lets the template end the line', () => {
    const value = () => 'one\ntwo\n';
    expect(renderTemplate('key: |\n  {{ jaas://k/publicKey }}\nnext: 1\n', value)).toBe(
      'key: |\n  one\n  two\nnext: 1\n',
    );
    expect(renderTemplate('key: |\r\n  {{ jaas://k/publicKey }}\r\nnext: 1\r\n', value)).toBe(
      'key: |\r\n  one\n  two\r\nnext: 1\r\n',
    );
    // After other text on its line, a value goes in as it is.
    expect(renderTemplate('x="{{ jaas://k/publicKey }}"', value)).toBe('x="one\ntwo\n"');
  });
});
