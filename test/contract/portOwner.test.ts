// Who holds a TCP port, asked of this machine's operating system.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { describePortOwner } from '../../src/salesforce/api/portOwner';
import { freePort } from '../harness/freePort';

const nodeName = path.basename(process.execPath, '.exe');

async function listening<T>(host: string | undefined, use: (port: number) => Promise<T>): Promise<T> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  try {
    return await use((server.address() as net.AddressInfo).port);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('describePortOwner', () => {
  it('names this process when it listens on loopback', async () => {
    assert.equal(await listening('127.0.0.1', describePortOwner), `${nodeName} (pid ${process.pid})`);
  });

  it('names this process when it listens on every interface, IPv6 included where there is one', async () => {
    assert.equal(await listening(undefined, describePortOwner), `${nodeName} (pid ${process.pid})`);
  });

  it('names another process', async () => {
    const child = spawn(process.execPath, ['-e', "require('net').createServer().listen(0, '127.0.0.1', function () { console.log(this.address().port) })"], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
        child.once('error', reject);
      });
      assert.equal(await describePortOwner(port), `${nodeName} (pid ${child.pid})`);
    } finally {
      child.kill();
    }
  });

  it('answers undefined for a port nobody listens on, and for a port that cannot exist', async () => {
    assert.equal(await describePortOwner(await freePort()), undefined);
    for (const port of [0, -1, 65536, 80.5]) assert.equal(await describePortOwner(port), undefined);
  });
});
