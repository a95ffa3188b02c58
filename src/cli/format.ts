import {
  KEY_FIELDS,
  KEY_JSON_OMITS,
  type Finding,
  type HistoryEntry,
  type KeyDetail,
  type KeyRecord,
} from '../shared/keys';

const JSON_FIELDS = KEY_FIELDS.filter((field) => !KEY_JSON_OMITS.includes(field));

/** The documented `--json` shape of a key (docs/cli.md, "JSON output"): KEY_FIELDS less KEY_JSON_OMITS, in that order. */
export function keyJson(key: KeyRecord): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const field of JSON_FIELDS) json[field] = key[field];
  return json;
}

/** The status as a person reads it: Needs kid, Current, Active, Retired, Trashed. */
export function statusText(key: KeyRecord): string {
  if (key.status === 'trashed') return `Trashed (purged ${key.purgeAfter?.slice(0, 10) ?? 'later'})`;
  if (key.current) return 'Current';
  return { 'needs-kid': 'Needs kid', active: 'Active', retired: 'Retired' }[key.status];
}

function kidStatus(key: KeyRecord): string {
  return key.kid ?? '(kid not recorded yet)';
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function keyTable(keys: readonly KeyRecord[]): string {
  if (keys.length === 0) return 'No keys yet. Make one with: jaas-keys new --label NAME';
  const rows = keys.map((key) => [
    key.id,
    key.label,
    statusText(key),
    kidStatus(key),
    key.createdAt?.slice(0, 10) ?? 'unknown',
  ]);
  const header = ['ID', 'LABEL', 'STATUS', 'KID', 'CREATED'];
  const widths = header.map((title, column) =>
    Math.min(60, Math.max(title.length, ...rows.map((row) => row[column]!.length))),
  );
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) => pad(cell, widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function keyDetailText(key: KeyDetail): string {
  return [
    `Label:        ${key.label}`,
    `ID:           ${key.id}`,
    `AppID:        ${key.appId ?? '(not known yet: recording the kid sets it)'}`,
    `Key ID (kid): ${key.kid ?? '(not recorded yet: upload the public key in the JaaS console, then run jaas-keys kid KEY KID)'}`,
    `Created:      ${key.createdAt ?? 'unknown'}`,
    ...(key.kidRecordedAt ? [`Kid recorded: ${key.kidRecordedAt}`] : []),
    `Status:       ${statusText(key)}${key.current ? ` (signs for ${key.appId})` : ''}`,
    ...(key.retiredAt ? [`Retired:      ${key.retiredAt}`] : []),
    `Tokens:       ${key.tokensSigned}${key.lastTokenAt ? `, last ${key.lastTokenAt}` : ''}`,
    `Backed up:    ${key.lastBackupAt ?? 'never (jaas-keys backup --out FILE)'}`,
    `Source:       ${key.source}`,
    `Fingerprint:  ${key.bits} ${key.fingerprint} (RSA)`,
    key.randomart,
  ].join('\n');
}

export function findingsText(findings: readonly Finding[]): string {
  return findings.map((finding) => `! ${finding.message}`).join('\n');
}

export function historyText(entries: readonly HistoryEntry[]): string {
  if (entries.length === 0) return 'Nothing recorded yet.';
  return entries
    .map(
      (entry) =>
        `${entry.at}  ${entry.event.padEnd(16)} ${entry.detail.label} (${entry.keyId})${entry.detail.note ? `: ${entry.detail.note}` : ''}`,
    )
    .join('\n');
}
