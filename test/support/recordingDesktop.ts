import type { ConfirmRequest, Desktop, OpenDialogRequest, SaveDialogRequest } from '../../src/main/desktop';

/**
 * Stands in for the OS dialogs, clipboard and browser, which need a display and
 * a person; it answers as the test says and records what it was asked.
 */
export class RecordingDesktop implements Desktop {
  savePaths: Array<string | null> = [];
  confirmAnswers: boolean[] = [];
  clipboard = '';
  opened: string[] = [];
  saveRequests: SaveDialogRequest[] = [];
  confirmRequests: ConfirmRequest[] = [];

  async chooseSavePath(request: SaveDialogRequest): Promise<string | null> {
    this.saveRequests.push(request);
    if (this.savePaths.length === 0) throw new Error('test did not expect a save dialog');
    return this.savePaths.shift()!;
  }
  openPaths: Array<string | null> = [];
  openRequests: OpenDialogRequest[] = [];
  async chooseOpenPath(request: OpenDialogRequest): Promise<string | null> {
    this.openRequests.push(request);
    if (this.openPaths.length === 0) throw new Error('test did not expect an open dialog');
    return this.openPaths.shift()!;
  }
  async confirm(request: ConfirmRequest): Promise<boolean> {
    this.confirmRequests.push(request);
    if (this.confirmAnswers.length === 0) throw new Error('test did not expect a confirmation');
    return this.confirmAnswers.shift()!;
  }
  async readClipboard(): Promise<string> {
    return this.clipboard;
  }
  writeClipboard(text: string): void {
    this.clipboard = text;
  }
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  }
}
