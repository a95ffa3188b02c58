// @vitest-environment jsdom
import { cleanup as cleanupRendered, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { CheckToken } from '../../src/renderer/src/views/CheckToken';
import { EmptyState } from '../../src/renderer/src/views/EmptyState';
import { KeyDetail } from '../../src/renderer/src/views/KeyDetail';
import { KeyList } from '../../src/renderer/src/views/KeyList';
import { NewKey } from '../../src/renderer/src/views/NewKey';
import { RecordKid } from '../../src/renderer/src/views/RecordKid';
import type { KeyRecord } from '../../src/shared/keys';
import { APP_ID, KID, storedKeyFields, type Sandbox } from '../support/fixtures';
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
    render(<EmptyState onNewKey={onNewKey} onImport={vi.fn()} onRestore={vi.fn()} />);
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

  it('KeyDetail copies exactly the public PEM and deletes to the trash only after naming the key', async () => {
    const doomed = await box.keys.generate({ label: 'detail key' });
    const onChanged = vi.fn();
    render(
      <KeyDetail
        id={doomed.id}
        notice={null}
        finding={undefined}
        allKeys={[]}
        onChanged={onChanged}
        onMakeToken={vi.fn()}
        onRotated={vi.fn()}
        offerBackup
        onBackup={vi.fn()}
        onDismissBackup={vi.fn()}
      />,
    );
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
    expect((await screen.findByRole('dialog')).textContent).toContain('undelete it for 30 days');
    fireEvent.click(await screen.findByRole('button', { name: 'Move to trash' }));
    await waitFor(() =>
      expect(onChanged).toHaveBeenCalledWith(
        null,
        expect.stringMatching(/^Moved “detail key” to the trash; undelete it there until/),
      ),
    );
    expect(await box.keys.resolve(doomed.id, 'trash')).toMatchObject({ status: 'trashed' });
    // In the trash the private key is still in the keychain.
    expect((await keytar.findCredentials(box.service)).some((c) => c.account.startsWith(doomed.id))).toBe(true);
  });

  it('KeyDetail shows an active key’s run and serve commands, ready to copy', async () => {
    const working = await box.keys.recordKid((await box.keys.generate({ label: 'at work' })).id, `${APP_ID}/00beef`);
    render(
      <KeyDetail
        id={working.id}
        notice={null}
        finding={undefined}
        allKeys={[]}
        onChanged={vi.fn()}
        onMakeToken={vi.fn()}
        onRotated={vi.fn()}
        offerBackup
        onBackup={vi.fn()}
        onDismissBackup={vi.fn()}
      />,
    );
    const section = await screen.findByRole('region', { name: 'Use this key' });
    expect(section.textContent).toContain(`jaas-keys run ${working.id} -- node server.js`);
    fireEvent.click(within(section).getAllByRole('button', { name: 'Copy' })[1]!);
    await waitFor(() => expect(desktop.clipboard).toBe(`jaas-keys serve ${working.id} --origin http://localhost:5173`));
  });

  it('CheckToken shows a refused check as an error; a cancelled save dialog is not one', async () => {
    render(<CheckToken />);
    fireEvent.change(screen.getByLabelText('Token (JWT)'), { target: { value: 'x'.repeat(16_385) } });
    fireEvent.click(screen.getByRole('button', { name: 'Check token' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The request was refused');
    cleanupRendered();
    const quiet = await box.keys.generate({ label: 'cancel me' });
    render(
      <KeyDetail
        id={quiet.id}
        notice={null}
        finding={undefined}
        allKeys={[]}
        onChanged={vi.fn()}
        onMakeToken={vi.fn()}
        onRotated={vi.fn()}
        offerBackup={false}
        onBackup={vi.fn()}
        onDismissBackup={vi.fn()}
      />,
    );
    desktop.savePaths.push(null);
    fireEvent.click(await screen.findByRole('button', { name: 'Save public key…' }));
    await waitFor(() => expect(desktop.saveRequests.at(-1)?.defaultName).toBe('cancel me.pub'));
    await waitFor(() =>
      expect((screen.getByRole('button', { name: 'Save public key…' }) as HTMLButtonElement).disabled).toBe(false),
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('KeyDetail says when a key was deleted elsewhere', async () => {
    render(
      <KeyDetail
        id="ffffffffffffffff"
        notice={null}
        finding={undefined}
        allKeys={[]}
        onChanged={vi.fn()}
        onMakeToken={vi.fn()}
        onRotated={vi.fn()}
        offerBackup
        onBackup={vi.fn()}
        onDismissBackup={vi.fn()}
      />,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('That key is gone');
  });

  it('KeyList filters, sorts and shows each status', () => {
    const base = {
      appId: null,
      kid: null,
      kidRecordedAt: null,
      bits: 4096,
      fingerprint: key.fingerprint,
      source: 'generated' as const,
      ...storedKeyFields(),
    };
    const keys: KeyRecord[] = [
      { ...base, id: 'a'.repeat(16), label: 'beta', createdAt: '2026-01-02T00:00:00Z' },
      {
        ...base,
        id: 'b'.repeat(16),
        label: 'alpha',
        createdAt: '2026-01-01T00:00:00Z',
        kid: KID,
        appId: APP_ID,
        status: 'active',
        current: true,
      },
      { ...base, id: 'c'.repeat(16), label: 'gamma', createdAt: '2026-01-03T00:00:00Z' },
      {
        ...base,
        id: 'd'.repeat(16),
        label: 'delta',
        createdAt: '2026-01-04T00:00:00Z',
        kid: `${APP_ID}/000001`,
        appId: APP_ID,
        status: 'retired',
        retiredAt: '2026-01-05T00:00:00Z',
      },
      {
        ...base,
        id: 'e'.repeat(16),
        label: 'epsilon',
        createdAt: '2026-01-05T00:00:00Z',
        status: 'trashed',
        trashedAt: '2026-01-06T00:00:00Z',
        purgeAfter: '2026-02-05T00:00:00Z',
        statusBeforeTrash: 'needs-kid',
      },
    ];
    const onViewChange = vi.fn();
    const { rerender } = render(
      <KeyList
        keys={keys}
        problemIds={new Set(['c'.repeat(16)])}
        selectedId={null}
        onSelect={vi.fn()}
        view="keys"
        onViewChange={onViewChange}
      />,
    );
    const labels = () => [...document.querySelectorAll('.key-row-label')].map((node) => node.textContent);
    // Grouped by AppID (keys without one last), newest first in each group; the trashed key is not here.
    expect(labels()).toEqual(['delta', 'alpha', 'gamma', 'beta']);
    expect(screen.getByRole('region', { name: APP_ID }).textContent).toContain('Current: alpha');
    fireEvent.change(screen.getByLabelText('Sort keys'), { target: { value: 'label' } });
    expect(labels()).toEqual(['alpha', 'delta', 'beta', 'gamma']);
    expect(screen.getByText('Current')).toBeTruthy();
    expect(screen.getByText('Retired')).toBeTruthy();
    expect(screen.getByText('Needs kid')).toBeTruthy();
    expect(screen.getByText('Problem found')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Filter keys'), { target: { value: 'vpaas' } });
    expect(labels()).toEqual(['alpha', 'delta']);
    expect(screen.getByText('2 of 4 keys')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Trash (1)' }));
    expect(onViewChange).toHaveBeenCalledWith('trash');
    rerender(
      <KeyList
        keys={keys}
        problemIds={new Set()}
        selectedId={null}
        onSelect={vi.fn()}
        view="trash"
        onViewChange={onViewChange}
      />,
    );
    fireEvent.change(screen.getByLabelText('Filter keys'), { target: { value: '' } });
    expect(labels()).toEqual(['epsilon']);
    expect(screen.getByText('In trash')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Filter keys'), { target: { value: 'eps' } });
    fireEvent.change(screen.getByLabelText('Filter keys'), { target: { value: 'zzz' } });
    expect(screen.getByText('No key matches “zzz”.')).toBeTruthy();
  });

  it('App lists what the core holds and offers recovery for a secret the list lost', async () => {
    const lost = await box.keys.generate({ label: 'lost entry' });
    // Drop the entry from the list, as an interrupted save would, leaving the secret in the keychain.
    const drop = (keys: Array<{ id: string }>) => void keys.splice(keys.map((k) => k.id).indexOf(lost.id), 1);
    await box.keys.catalog.update(drop);
    render(<App />);
    // Every write finished, so the start reads no secret and says nothing; Check keychain finds the leftover.
    const check = await screen.findByRole('button', { name: 'Check keychain' });
    expect(screen.queryByText('The keychain holds keys the list does not show')).toBeNull();
    fireEvent.click(check);
    expect(await screen.findByText('The keychain holds keys the list does not show')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Label'), { target: { value: 'found again' } });
    fireEvent.click(screen.getByRole('button', { name: 'Recover' }));
    expect(await screen.findByRole('heading', { name: 'found again', level: 1 })).toBeTruthy();
    expect((await box.keys.resolve(lost.id)).label).toBe('found again');
  });
});
