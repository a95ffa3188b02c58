import { CoreError } from '../../core/errors';

// What the handlers that open a dialog share: the error for a dismissed dialog, and
// the file name a save dialog suggests.

/** A dismissed dialog: not an error the window shows. */
export const cancelled = () => new CoreError('cancelled', 'Cancelled; nothing was written.');

/** A file name from a key's label; labels may hold characters no file system likes, and the dialog lets the person change it. */
export function fileName(label: string, extension: string): string {
  return `${label.replace(/[\\/:*?"<>|]+/g, '-')}${extension}`;
}
