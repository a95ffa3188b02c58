// What the IPC handlers need from the desktop around them. Electron provides it
// in electronDesktop.ts; keeping it an interface lets the handlers run in Node.

export interface SaveDialogRequest {
  title: string;
  defaultName: string;
  filters: Array<{ name: string; extensions: string[] }>;
}

export interface OpenDialogRequest {
  title: string;
  filters: Array<{ name: string; extensions: string[] }>;
  /** The folder the dialog opens in. */
  defaultPath?: string;
}

export interface ConfirmRequest {
  message: string;
  detail: string;
  confirmLabel: string;
}

export interface Desktop {
  /** The path the person chose, or null when they cancelled. */
  chooseSavePath(request: SaveDialogRequest): Promise<string | null>;
  /** The file the person chose to open, or null when they cancelled. */
  chooseOpenPath(request: OpenDialogRequest): Promise<string | null>;
  /** True only when the person pressed the confirm button. */
  confirm(request: ConfirmRequest): Promise<boolean>;
  writeClipboard(text: string): void | Promise<void>;
  /** The clipboard's text, to clear a copied key only while it is still there. */
  readClipboard(): string | Promise<string>;
  openExternal(url: string): Promise<void>;
}
