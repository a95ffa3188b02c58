// @vitest-environment jsdom
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CheckToken } from '../../src/renderer/src/views/CheckToken';
import { ImportKey } from '../../src/renderer/src/views/ImportKey';
import { MakeToken } from '../../src/renderer/src/views/MakeToken';
import type { KeyRecord } from '../../src/shared/keys';
import { APP_ID, KID, tempDir, type Sandbox } from '../support/fixtures';
import { RecordingDesktop } from '../support/recordingDesktop';
import { installRealBackend } from './realBackend';

describe('import and token views over the real core and keychain', () => {
  let box: Sandbox;
  let desktop: RecordingDesktop;
  let dir: string;
  let signer: KeyRecord;

  beforeAll(async () => {
    ({ box, desktop } = await installRealBackend());
    dir = await tempDir();
    execFileSync('ssh-keygen', [
      '-q',
      '-t',
      'rsa',
      '-b',
      '4096',
      '-m',
      'PEM',
      '-N',
      'pass phrase',
      '-f',
      join(dir, 'legacy'),
    ]);
    signer = await box.keys.generate({ label: 'token signer' });
    signer = await box.keys.recordKid(signer.id, KID);
  });
  afterAll(() => box.cleanup());

  it('ImportKey asks for the passphrase when the pasted key needs one, then imports', async () => {
    const onImported = vi.fn();
    render(<ImportKey onImported={onImported} onCancel={vi.fn()} />);
    fireEvent.click(screen.getByLabelText('Paste the key'));
    fireEvent.change(screen.getByLabelText('Private key'), {
      target: { value: readFileSync(join(dir, 'legacy'), 'utf8') },
    });
    fireEvent.change(screen.getByLabelText('Label'), { target: { value: 'legacy key' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import this key' }));
    const passphrase = await screen.findByLabelText('Passphrase of the key');
    expect(screen.getByRole('alert').textContent).toContain('The key is protected by a passphrase');
    fireEvent.change(passphrase, { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import this key' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('The passphrase is wrong'));
    fireEvent.change(passphrase, { target: { value: 'pass phrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import this key' }));
    await waitFor(() => expect(onImported).toHaveBeenCalled());
    expect(onImported.mock.calls[0]![0]).toMatchObject({
      key: { label: 'legacy key' },
      formatName: 'encrypted PKCS#1 PEM',
      encrypted: true,
      sourcePath: null,
    });
  });

  it('ImportKey reads a file chosen in the open dialog', async () => {
    const path = join(dir, 'plain');
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '4096', '-N', '', '-f', path]);
    desktop.openPaths.push(path);
    const onImported = vi.fn();
    render(<ImportKey onImported={onImported} onCancel={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Choose key file…' }));
    await waitFor(() => expect(screen.getByTestId('chosen-file').textContent).toBe('plain'));
    expect((screen.getByLabelText('Label') as HTMLInputElement).value).toBe('plain');
    fireEvent.click(screen.getByRole('button', { name: 'Import this key' }));
    await waitFor(() => expect(onImported).toHaveBeenCalled());
    expect(onImported.mock.calls[0]![0]).toMatchObject({ sourcePath: path, formatName: 'OpenSSH private key' });
  });

  it('MakeToken makes a token, warns about a room name and copies the token', async () => {
    render(<MakeToken keyRecord={signer} onBack={vi.fn()} />);
    fireEvent.change(screen.getByLabelText('Room'), { target: { value: 'Team/Standup' } });
    fireEvent.click(screen.getByLabelText('recording'));
    fireEvent.click(screen.getByRole('button', { name: 'Make token' }));
    const token = (await screen.findByTestId('token')).textContent!;
    expect(token.split('.')).toHaveLength(3);
    expect(screen.getByText(/does not survive in a meeting link/)).toBeTruthy();
    expect(screen.getByTestId('meeting-link').textContent).toContain(`https://8x8.vc/${APP_ID}/`);
    fireEvent.click(screen.getByRole('button', { name: 'Copy token' }));
    await waitFor(() => expect(desktop.clipboard).toBe(token));
    expect((await box.keys.checkToken(token)).ok).toBe(true);
  });

  it('MakeToken explains that a key without a kid cannot sign', () => {
    render(<MakeToken keyRecord={{ ...signer, kid: null }} onBack={vi.fn()} />);
    expect(screen.getByRole('alert').textContent).toContain('This key has no Key ID yet');
  });

  it('CheckToken lists each rule with its verdict', async () => {
    const good = (
      await box.keys.makeToken(signer.id, {
        room: '*',
        moderator: true,
        features: [],
        lifetimeSeconds: 60,
        nbfSkewSeconds: 10,
      })
    ).token;
    render(<CheckToken />);
    fireEvent.change(screen.getByLabelText('Token (JWT)'), { target: { value: good } });
    fireEvent.click(screen.getByRole('button', { name: 'Check token' }));
    expect((await screen.findByRole('status')).textContent).toContain('passes every check');
    fireEvent.change(screen.getByLabelText('Token (JWT)'), { target: { value: `${good.slice(0, -2)}xx` } });
    fireEvent.click(screen.getByRole('button', { name: 'Check token' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('would be refused'));
    expect(screen.getByRole('list', { name: 'Checks' }).textContent).toContain('Fail:signature');
  });
});
