// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ErrorNotice } from '../../src/renderer/src/components/ErrorNotice';
import { errorText } from '../../src/renderer/src/lib/errorText';
import { ERROR_CODES } from '../../src/shared/errors';
import './realBackend';

describe('every error code has words a person can act on', () => {
  it.each(ERROR_CODES)('%s', (code) => {
    const text = errorText({ code, message: `detail for ${code}` });
    expect(text.title.length).toBeGreaterThan(5);
    expect(text.action.length).toBeGreaterThan(5);
    render(<ErrorNotice error={{ code, message: `detail for ${code}` }} />);
    const alert = screen.getByRole('alert');
    expect(alert.getAttribute('data-code')).toBe(code);
    expect(alert.textContent).toContain(text.title);
    expect(alert.textContent).toContain(text.action);
    expect(alert.textContent).toContain(`detail for ${code}`);
  });

  it('says to unlock a locked keychain', () => {
    expect(errorText({ code: 'keychain_locked', message: '' }).action).toMatch(/Unlock your keychain/);
  });
});
