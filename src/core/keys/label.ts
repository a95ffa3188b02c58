// Key labels: what a person calls a key. Trimmed, short, printable, unique.
export const MAX_LABEL_LENGTH = 100;

export type LabelCheck = { ok: true; value: string } | { ok: false; problem: string };

export function checkLabel(text: string): LabelCheck {
  const label = text.trim();
  if (label.length === 0)
    return { ok: false, problem: 'Give the key a label, for example the app or environment it signs for.' };
  if (label.length > MAX_LABEL_LENGTH)
    return { ok: false, problem: `A label has at most ${MAX_LABEL_LENGTH} characters; this one has ${label.length}.` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(label))
    return { ok: false, problem: 'A label cannot contain line breaks, tabs or other control characters.' };
  return { ok: true, value: label };
}
