/**
 * Copying a secret: the clipboard is cleared after a while, but only if it still holds what was
 * copied (the admin may have copied something else since, which is theirs). One timer per copy; a
 * later copy of a secret does not cancel an earlier one's clearing.
 */

/** What this needs of a clipboard (vscode.env.clipboard has it). */
export interface Clipboard {
  readText(): Thenable<string>;
  writeText(value: string): Thenable<void>;
}

/** Long enough to paste into the Admin Console page, short enough not to linger. */
export const secretClipboardMs = 60_000;

/**
 * Writes `value`, then after `afterMs` empties the clipboard if it still holds `value`. Resolves once
 * written; `cleared` resolves when the check ran (true when it emptied the clipboard).
 */
export async function copyForAWhile(clipboard: Clipboard, value: string, afterMs = secretClipboardMs): Promise<{ cleared: Promise<boolean>; cancel(): void }> {
  await clipboard.writeText(value);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let settle: (cleared: boolean) => void = () => undefined;
  const cleared = new Promise<boolean>((resolve) => {
    settle = resolve;
    timer = setTimeout(() => {
      void Promise.resolve(clipboard.readText())
        .then(async (current) => {
          if (current !== value) return false;
          await clipboard.writeText('');
          return true;
        })
        .then(resolve, () => resolve(false));
    }, afterMs);
  });
  return {
    cleared,
    /** Clears at once if it still holds the value (the panel closes, the extension stops). */
    cancel() {
      clearTimeout(timer);
      void Promise.resolve(clipboard.readText()).then(async (current) => {
        if (current === value) await clipboard.writeText('');
        settle(current === value);
      }, () => settle(false));
    },
  };
}
