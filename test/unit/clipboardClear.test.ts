import * as assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { type Clipboard, copyForAWhile } from '../../src/common/clipboardClear';

function memoryClipboard(): Clipboard & { text: string } {
  const board = {
    text: 'before',
    readText: () => Promise.resolve(board.text),
    writeText: (value: string) => {
      board.text = value;
      return Promise.resolve();
    },
  };
  return board;
}

describe('copyForAWhile', () => {
  it('empties the clipboard after the delay when it still holds the secret, not before', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const board = memoryClipboard();
      const copy = await copyForAWhile(board, 's3cr3t', 60_000);
      assert.equal(board.text, 's3cr3t');
      mock.timers.tick(59_999);
      await Promise.resolve();
      assert.equal(board.text, 's3cr3t', 'still there just before the delay');
      mock.timers.tick(1);
      assert.equal(await copy.cleared, true);
      assert.equal(board.text, '');
    } finally {
      mock.timers.reset();
    }
  });

  it('leaves what the admin copied since', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const board = memoryClipboard();
      const copy = await copyForAWhile(board, 's3cr3t', 1000);
      board.text = 'something else';
      mock.timers.tick(1000);
      assert.equal(await copy.cleared, false);
      assert.equal(board.text, 'something else');
    } finally {
      mock.timers.reset();
    }
  });

  it('clears at once when cancelled, and only its own value', async () => {
    const board = memoryClipboard();
    const copy = await copyForAWhile(board, 'k', 60_000);
    copy.cancel();
    assert.equal(await copy.cleared, true);
    assert.equal(board.text, '');
    const other = await copyForAWhile(board, 'x', 60_000);
    board.text = 'mine';
    other.cancel();
    assert.equal(await other.cleared, false);
    assert.equal(board.text, 'mine');
  });
});
