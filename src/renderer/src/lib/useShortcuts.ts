import { useEffect } from 'react';

/**
 * App-wide keys: Ctrl/Cmd+N new key, Ctrl/Cmd+I import, Ctrl/Cmd+F filter the list.
 * Each is also a visible button, so nothing depends on knowing them.
 */
export function useShortcuts(actions: { newKey: () => void; importKey: () => void }): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const key = event.key.toLowerCase();
      if (key === 'n') actions.newKey();
      else if (key === 'i') actions.importKey();
      else if (key === 'f') document.getElementById('key-filter')?.focus();
      else return;
      event.preventDefault();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [actions]);
}
