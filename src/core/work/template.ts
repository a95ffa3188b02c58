// Config templates for `inject`: `{{ jaas://REF/FIELD }}` is replaced by a field of
// the key REF names; every other `{{ … }}` (Helm, Jinja, Mustache) is left alone. A
// multi-line value placed after only whitespace on its line (a YAML block) has each
// following line indented the same, so the block stays valid; alone on its line, it
// ends with the template's own line break.

export const TEMPLATE_FIELDS = [
  'appId',
  'kid',
  'privateKeyPkcs8',
  'privateKeyPkcs1',
  'privateKeyEscaped',
  'privateKeyBase64',
  'publicKey',
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

export interface TemplateReference {
  /** Its place among the template's references, the same on every scan. */
  index: number;
  ref: string;
  field: TemplateField;
  line: number;
}

const REFERENCE = /\{\{\s*jaas:([^}]*?)\s*\}\}/g;

interface Found {
  at: number;
  length: number;
  reference: TemplateReference | null;
  problem: string | null;
}

/** A reference may percent-encode its key (a label with a slash); a stray % is taken as it is. */
function decoded(ref: string): string {
  try {
    return decodeURIComponent(ref);
  } catch {
    return ref;
  }
}

function lineOf(text: string, at: number): number {
  return text.slice(0, at).split('\n').length;
}

function scan(template: string): Found[] {
  return [...template.matchAll(REFERENCE)].map((match, index) => {
    const line = lineOf(template, match.index);
    const base = { at: match.index, length: match[0].length };
    const body = /^\/\/(.+)\/([^/]*)$/.exec(match[1]!);
    if (!body)
      return {
        ...base,
        reference: null,
        problem: `line ${line}: a reference is {{ jaas://KEY/FIELD }}, such as {{ jaas://APP_ID/kid }}.`,
      };
    const [, rawRef, field] = body;
    const ref = decoded(rawRef!.trim());
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(field!))
      return {
        ...base,
        reference: null,
        problem: `line ${line}: "${field}" is not a field; the fields are ${TEMPLATE_FIELDS.join(', ')}.`,
      };
    return { ...base, reference: { index, ref, field: field as TemplateField, line }, problem: null };
  });
}

/** A template's well-formed references, and a sentence for each malformed one. */
export function templateReferences(template: string): { references: TemplateReference[]; problems: string[] } {
  const found = scan(template);
  return {
    references: found.flatMap((item) => (item.reference ? [item.reference] : [])),
    problems: found.flatMap((item) => (item.problem ? [item.problem] : [])),
  };
}

/** Fills a template whose references have been checked; `value` gives each reference's text. */
export function renderTemplate(template: string, value: (reference: TemplateReference) => string): string {
  let out = '';
  let from = 0;
  for (const item of scan(template)) {
    const before = template.slice(from, item.at);
    const lineStart = template.lastIndexOf('\n', item.at - 1) + 1;
    const lead = template.slice(lineStart, item.at);
    const end = template.indexOf('\n', item.at);
    const rest = template.slice(item.at + item.length, end === -1 ? undefined : end);
    let text = value(item.reference!);
    if (/^[ \t]*$/.test(lead) && text.includes('\n')) {
      // On a line of its own, the template's line break ends the value; its own last one would add a blank line.
      const trailing = text.endsWith('\n') && !/^[ \t\r]*$/.test(rest);
      text = text.replace(/\n$/, '').split('\n').join(`\n${lead}`) + (trailing ? '\n' : '');
    }
    out += before + text;
    from = item.at + item.length;
  }
  return out + template.slice(from);
}
