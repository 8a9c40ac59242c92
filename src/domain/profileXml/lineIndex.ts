/**
 * Offsets (UTF-16 indices, what the scanner's spans hold) to 0-based lines and columns, counting
 * line breaks as VS Code does: "\r\n", "\n" and a lone "\r". Built once per text, then each lookup is
 * a binary search.
 */
import { Char } from './xmlSyntax';

export class LineIndex {
  /** The offset at which each line starts; lineStarts[0] is 0. */
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === Char.lineFeed) this.lineStarts.push(i + 1);
      else if (c === Char.carriageReturn) {
        if (text.charCodeAt(i + 1) === Char.lineFeed) i++;
        this.lineStarts.push(i + 1);
      }
    }
  }

  /** Offsets outside the text are clamped to it. */
  position(offset: number): { line: number; column: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low, column: clamped - this.lineStarts[low] };
  }
}
