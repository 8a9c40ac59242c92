// The tree framework both views share (src/common/treeNodes.ts), in the real extension host: a paged
// listing reads one page when its node expands and one more per *Load more*, never two at once, keeps
// what it loaded when a page fails, and starts again when refreshed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type ChildContext, ErrorNode, LoadMoreNode, MessageNode, type Page, PagedChildren, type TreeNode } from '../../src/common/treeNodes';

const letters = ['a', 'b', 'c', 'd', 'e'];

/** A listing of `letters` two at a time, its cursor the next index; `failAt` makes that page fail. */
function listing(failAt?: string) {
  const reads: Array<string | undefined> = [];
  const readPage = async (cursor: string | undefined): Promise<Page<string>> => {
    reads.push(cursor);
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (cursor !== undefined && cursor === failAt) throw new Error(`page ${cursor} failed`);
    const start = Number(cursor ?? 0);
    const end = start + 2;
    return { items: letters.slice(start, end), next: end < letters.length ? String(end) : undefined };
  };
  return { reads, readPage };
}

const owner: TreeNode = new MessageNode('owner', 'list-tree');
const labels = (nodes: TreeNode[]) => nodes.map((node) => {
  if (node instanceof LoadMoreNode) return 'Load more';
  if (node instanceof ErrorNode) return `error: ${node.message}`;
  const label = node.treeItem().label;
  return typeof label === 'string' ? label : label?.label;
});

function paged(readPage: (cursor: string | undefined) => Promise<Page<string>>) {
  const redrawn: TreeNode[] = [];
  const context: ChildContext = { signal: new AbortController().signal, viewId: 'oktaSf.oktaApps', redraw: (node) => redrawn.push(node) };
  const children = new PagedChildren<string>(owner, readPage, (items) => items.map((item) => new MessageNode(item, 'symbol-string')),
    (error) => new ErrorNode('paged-error', error instanceof Error ? error.message : String(error), { command: 'noop', title: 'Try Again' }));
  return { children, context, redrawn };
}

const loadMore = (nodes: TreeNode[]) => {
  const last = nodes[nodes.length - 1];
  assert.ok(last instanceof LoadMoreNode, 'the last node is Load more');
  assert.equal(last.treeItem().command?.command, 'oktaSf.loadMore');
  return last;
};

describe('Tree framework: paged children and Load more', () => {
  it('reads the first page only when expanded, then one page per Load more, and redraws its node', async () => {
    const { reads, readPage } = listing();
    const { children, context, redrawn } = paged(readPage);
    const first = await children.children(context);
    assert.deepEqual(labels(first), ['a', 'b', 'Load more']);
    assert.deepEqual(labels(await children.children(context)), ['a', 'b', 'Load more'], 'shown again without a read');
    assert.deepEqual(reads, [undefined]);

    await vscode.commands.executeCommand('oktaSf.loadMore', loadMore(first));
    assert.deepEqual(redrawn, [owner]);
    const second = await children.children(context);
    assert.deepEqual(labels(second), ['a', 'b', 'c', 'd', 'Load more']);

    await loadMore(second).run();
    assert.deepEqual(labels(await children.children(context)), ['a', 'b', 'c', 'd', 'e'], 'no Load more after the last page');
    assert.deepEqual(reads, [undefined, '2', '4']);
  });

  it('reads one page however often Load more is clicked while it loads', async () => {
    const { reads, readPage } = listing();
    const { children, context } = paged(readPage);
    const more = loadMore(await children.children(context));
    await Promise.all([more.run(), more.run(), more.run()]);
    assert.deepEqual(reads, [undefined, '2']);
    assert.deepEqual(labels(await children.children(context)), ['a', 'b', 'c', 'd', 'Load more']);
  });

  it('keeps what it loaded when a page fails, shows why, and reads that page again when asked', async () => {
    const { reads, readPage } = listing('2');
    const { children, context } = paged(readPage);
    await loadMore(await children.children(context)).run();
    const failed = await children.children(context);
    assert.deepEqual(labels(failed), ['a', 'b', 'error: page 2 failed']);
    children.forget();
    assert.deepEqual(labels(await children.children(context)), ['a', 'b', 'Load more'], 'a refresh starts from the first page');
    assert.deepEqual(reads, [undefined, '2', undefined]);
  });

  it('drops a page that arrives after its view was refreshed', async () => {
    const { readPage } = listing();
    const { children } = paged(readPage);
    const work = new AbortController();
    const context: ChildContext = { signal: work.signal, viewId: 'oktaSf.oktaApps', redraw: () => assert.fail('no redraw after a refresh') };
    const pending = children.children(context);
    work.abort();
    assert.deepEqual(labels(await pending), []);
  });
});
