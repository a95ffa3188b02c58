// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { EmptyState } from '../../src/renderer/src/views/EmptyState';
import { KeyDetail } from '../../src/renderer/src/views/KeyDetail';
import { KeyList } from '../../src/renderer/src/views/KeyList';
import { NewKey } from '../../src/renderer/src/views/NewKey';
import { RecordKid } from '../../src/renderer/src/views/RecordKid';
import type { KeyRecord } from '../../src/shared/keys';
import { APP_ID, KID, type Sandbox } from '../support/fixtures';
import { RecordingDesktop } from '../support/recordingDesktop';
import { installRealBackend } from './realBackend';

describe('views over the real core and keychain', () => {
  let box: Sandbox;
  let desktop: RecordingDesktop;
  let key: KeyRecord;

  beforeAll(async () => {
    ({ box, desktop } = await installRealBackend());
    key = await box.keys.generate({ label: 'component key' });
  });
  afterAll(() => box.cleanup());

  it('EmptyState explains the three steps and starts the first key', () => {
    const onNewKey = vi.fn();
    render(<EmptyState onNewKey={onNewKey} onImport={vi.fn()} />);
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
    fireEvent.click(screen.getByRole('button', { name: 'Make your first key' }));
    expect(onNewKey).toHaveBeenCalledOnce();
  });

  it('NewKey refuses a taken label with its message and makes a key with progress shown', async () => {
    const onCreated = vi.fn();
    render(<NewKey onCreated={onCreated} onCancel={null} />);
    const generate = screen.getByRole('button', { name: 'Generate key' }) as HTMLButtonElement;
    expect(generate.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Label'), { target: { value: 'component key' } });
    fireEvent.click(generate);
    expect(await screen.findByText(/That label is taken/, {}, { timeout: 30_000 })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Label'), { target: { value: 'made in jsdom' } });
    fireEvent.click(screen.getByRole('button', { name: 'Generate key' }));
    expect(await screen.findByText(/Generating a 4096-bit RSA key/)).toBeTruthy();
    await waitFor(() => expect(onCreated).toHaveBeenCalled(), { timeout: 60_000 });
    expect(onCreated.mock.calls[0]![0]).toMatchObject({ label: 'made in jsdom', bits: 4096 });
  });

  it('NewKey explains a malformed AppID', async () => {
    render(<NewKey onCreated={vi.fn()} onCancel={null} />);
    fireEvent.change(screen.getByLabelText('Label'), { target: { value: 'x' } });
    fireEvent.change(screen.getByLabelText(/AppID/), { target: { value: 'my-app' } });
    fireEvent.click(screen.getByRole('button', { name: 'Generate key' }));
    expect((await screen.findByRole('alert')).textContent).toContain('starts with "vpaas-magic-cookie-"');
  });

  it('RecordKid explains each problem live and records a good kid', async () => {
    const onRecorded = vi.fn();
    render(<RecordKid keyRecord={key} onRecorded={onRecorded} />);
    const field = screen.getByLabelText('Key ID (kid) from the JaaS console');
    for (const [text, problem] of [
      [` ${KID}`, /spaces or line breaks/],
      [`${APP_ID}/4F4910`, /upper-case/],
      [`${APP_ID}/4f4910-SAMPLE_APP`, /sample-app Key ID/],
      [`${APP_ID}/4f49`, /6 hex digits/],
      [APP_ID, /This is an AppID, not a Key ID/],
    ] as const) {
      fireEvent.change(field, { target: { value: text } });
      await waitFor(() => expect(screen.getByText(problem)).toBeTruthy());
      expect(field.getAttribute('aria-invalid')).toBe('true');
    }
    fireEvent.change(field, { target: { value: KID } });
    await screen.findByText(/Looks right/);
    fireEvent.click(screen.getByRole('button', { name: 'Record Key ID' }));
    await waitFor(() => expect(onRecorded).toHaveBeenCalled());
    expect(onRecorded.mock.calls[0]![0]).toMatchObject({ kid: KID, appId: APP_ID });
  });

  it('KeyDetail copies exactly the public PEM and deletes only after naming the key', async () => {
    const doomed = await box.keys.generate({ label: 'detail key' });
    const onChanged = vi.fn();
    render(<KeyDetail id={doomed.id} notice={null} finding={undefined} onChanged={onChanged} onMakeToken={vi.fn()} />);
    expect(await screen.findByRole('heading', { name: 'detail key', level: 1 })).toBeTruthy();
    expect(screen.getByTestId('fingerprint').textContent).toBe(doomed.fingerprint);
    fireEvent.click(screen.getByRole('button', { name: 'Copy public key' }));
    await screen.findByText('Copied ✓');
    expect(desktop.clipboard).toBe(await box.keys.publicPem(doomed.id));

    fireEvent.click(screen.getByRole('button', { name: 'Delete key…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete “detail key”?' });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await box.keys.resolve(doomed.id)).toBeTruthy();
    expect(dialog.isConnected).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Delete key…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete key' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(null, 'Deleted “detail key”.'));
    expect((await keytar.findCredentials(box.service)).some((c) => c.account.startsWith(doomed.id))).toBe(false);
  });

  it('KeyDetail says when a key was deleted elsewhere', async () => {
    render(<KeyDetail id="ffffffffffffffff" notice={null} finding={undefined} onChanged={vi.fn()} onMakeToken={vi.fn()} />);
    expect((await screen.findByRole('alert')).textContent).toContain('That key is gone');
  });

  it('KeyList filters, sorts and shows each status', () => {
    const base = { appId: null, kid: null, kidRecordedAt: null, bits: 4096, fingerprint: key.fingerprint, source: 'generated' as const };
    const keys: KeyRecord[] = [
      { ...base, id: 'a'.repeat(16), label: 'beta', createdAt: '2026-01-02T00:00:00Z' },
      { ...base, id: 'b'.repeat(16), label: 'alpha', createdAt: '2026-01-01T00:00:00Z', kid: KID, appId: APP_ID },
      { ...base, id: 'c'.repeat(16), label: 'gamma', createdAt: '2026-01-03T00:00:00Z' },
    ];
    render(<KeyList keys={keys} problemIds={new Set(['c'.repeat(16)])} selectedId={null} onSelect={vi.fn()} />);
    const labels = () => [...document.querySelectorAll('.key-row-label')].map((node) => node.textContent);
    expect(labels()).toEqual(['gamma', 'beta', 'alpha']);
    fireEvent.change(screen.getByLabelText('Sort keys'), { target: { value: 'label' } });
    expect(labels()).toEqual(['alpha', 'beta', 'gamma']);
    expect(screen.getByText('Kid recorded')).toBeTruthy();
    expect(screen.getByText('Kid needed')).toBeTruthy();
    expect(screen.getByText('Problem found')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Filter keys'), { target: { value: 'vpaas' } });
    expect(labels()).toEqual(['alpha']);
    expect(screen.getByText('1 of 3 keys')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Filter keys'), { target: { value: 'zzz' } });
    expect(screen.getByText('No key matches “zzz”.')).toBeTruthy();
  });

  it('App lists what the core holds and offers recovery for a secret the list lost', async () => {
    const lost = await box.keys.generate({ label: 'lost entry' });
    // Drop the entry from the list, as an interrupted save would, leaving the secret in the keychain.
    await box.keys.catalog.update((keys) => void keys.splice(keys.findIndex((k) => k.id === lost.id), 1));
    render(<App />);
    expect(await screen.findByText('The keychain holds keys the list does not show')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Label'), { target: { value: 'found again' } });
    fireEvent.click(screen.getByRole('button', { name: 'Recover' }));
    expect(await screen.findByRole('heading', { name: 'found again', level: 1 })).toBeTruthy();
    expect((await box.keys.resolve(lost.id)).label).toBe('found again');
  });
});
