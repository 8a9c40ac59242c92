// The system prerequisites of `npm start` and `npm test` (build/prerequisites.mjs): what is found
// missing on a given machine, and what is installed or printed for each missing piece.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type MachineProbe, missingPrerequisites, prerequisitePlan, systemFamily } from '../../build/prerequisites.mjs';

const osRelease = {
  debian: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n',
  ubuntu: 'NAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\nID_LIKE=debian\n',
  mint: 'NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n',
  fedora: 'NAME="Fedora Linux"\nVERSION_ID=41\nID=fedora\n',
  rocky: 'NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\n',
  alpine: 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.0\n',
  arch: 'NAME="Arch Linux"\nID=arch\n',
};

const everything = { files: ['/usr/bin/chromium', '/usr/include/gssapi/gssapi.h'], commands: ['python3', 'make', 'g++'] };

function machine(options: { os?: string; platform?: string; uid?: number; chromiumPath?: string; lacks?: string[] }): MachineProbe {
  const lacks = new Set(options.lacks ?? []);
  const files = new Set(everything.files.filter((f) => !lacks.has(f)));
  const commands = new Set(everything.commands.filter((c) => !lacks.has(c)));
  return {
    platform: options.platform ?? 'linux',
    osRelease: options.os,
    uid: options.uid ?? 0,
    chromiumPath: options.chromiumPath,
    hasFile: (file) => files.has(file),
    hasCommand: (name) => commands.has(name),
  };
}

const bare = ['/usr/bin/chromium', '/usr/include/gssapi/gssapi.h', 'python3', 'make', 'g++'];

describe('prerequisites: detection', () => {
  it('finds nothing missing on a machine with everything, and plans nothing', () => {
    const probe = machine({ os: osRelease.debian });
    assert.deepEqual(missingPrerequisites(probe), []);
    assert.deepEqual(prerequisitePlan(probe), { missing: [], run: [], stop: undefined });
  });

  it('names each missing piece on its own', () => {
    const cases: Array<[string, string]> = [['/usr/bin/chromium', 'chromium'], ['/usr/include/gssapi/gssapi.h', 'krb5'], ['python3', 'python3'], ['make', 'make'], ['g++', 'g++']];
    for (const [lack, id] of cases) assert.deepEqual(missingPrerequisites(machine({ os: osRelease.debian, lacks: [lack] })), [id], lack);
  });

  it('looks for Chromium at CHROMIUM_PATH when it is set, and at /usr/bin/chromium otherwise', () => {
    assert.deepEqual(missingPrerequisites(machine({ os: osRelease.debian, chromiumPath: '/opt/chromium/chrome' })), ['chromium']);
    const elsewhere = { ...machine({ os: osRelease.debian, lacks: ['/usr/bin/chromium'], chromiumPath: '/opt/chrome' }), hasFile: (f: string) => f === '/opt/chrome' || f === '/usr/include/gssapi/gssapi.h' };
    assert.deepEqual(missingPrerequisites(elsewhere), []);
  });

  it('does not ask for Kerberos headers on macOS (its SDK has GSS)', () => {
    assert.deepEqual(missingPrerequisites(machine({ platform: 'darwin', lacks: ['/usr/include/gssapi/gssapi.h', '/usr/bin/chromium'] })), ['chromium']);
  });

  it('tells the system family from os-release ID and ID_LIKE', () => {
    const family = (os: string | undefined, platform = 'linux') => systemFamily(machine({ os, platform }));
    assert.equal(family(osRelease.debian), 'debian');
    assert.equal(family(osRelease.ubuntu), 'ubuntu');
    assert.equal(family(osRelease.mint), 'ubuntu');
    assert.equal(family(osRelease.fedora), 'fedora');
    assert.equal(family(osRelease.rocky), 'fedora');
    assert.equal(family(osRelease.alpine), 'alpine');
    assert.equal(family(osRelease.arch), 'unknown');
    assert.equal(family(undefined), 'unknown');
    assert.equal(family(undefined, 'darwin'), 'macos');
    assert.equal(family(undefined, 'win32'), 'unknown');
  });
});

describe('prerequisites: what is installed or printed', () => {
  it('as root on Debian installs every missing piece with apt-get and stops for nothing', () => {
    const plan = prerequisitePlan(machine({ os: osRelease.debian, uid: 0, lacks: bare }));
    assert.deepEqual(plan.run, [
      ['apt-get', 'update'],
      ['apt-get', 'install', '-y', '--no-install-recommends', 'chromium', 'libkrb5-dev', 'python3', 'make', 'g++'],
    ]);
    assert.equal(plan.stop, undefined);
  });

  it('as root on Debian installs only what is missing', () => {
    const plan = prerequisitePlan(machine({ os: osRelease.debian, uid: 0, lacks: ['/usr/include/gssapi/gssapi.h'] }));
    assert.deepEqual(plan.run[1], ['apt-get', 'install', '-y', '--no-install-recommends', 'libkrb5-dev']);
  });

  it('as a user on Debian installs nothing and prints the sudo commands', () => {
    const plan = prerequisitePlan(machine({ os: osRelease.debian, uid: 1000, lacks: ['/usr/bin/chromium', 'g++'] }));
    assert.deepEqual(plan.run, []);
    assert.match(plan.stop ?? '', /^ {2}sudo apt-get update$/m);
    assert.match(plan.stop ?? '', /^ {2}sudo apt-get install -y --no-install-recommends chromium g\+\+$/m);
    assert.match(plan.stop ?? '', /Chromium \(/);
    assert.match(plan.stop ?? '', /g\+\+ \(node-gyp/);
    assert.doesNotMatch(plan.stop ?? '', /python3|make \(/);
  });

  it('as root on Ubuntu installs the rest with apt-get and stops for Chromium, a snap, with its CHROMIUM_PATH', () => {
    const plan = prerequisitePlan(machine({ os: osRelease.ubuntu, uid: 0, lacks: bare }));
    assert.deepEqual(plan.run[1], ['apt-get', 'install', '-y', '--no-install-recommends', 'libkrb5-dev', 'python3', 'make', 'g++']);
    assert.match(plan.stop ?? '', /^ {2}snap install chromium$/m);
    assert.match(plan.stop ?? '', /export CHROMIUM_PATH=\/snap\/bin\/chromium/);
    assert.doesNotMatch(plan.stop ?? '', /apt-get/);
  });

  it('as a user on Ubuntu prints sudo apt-get and sudo snap', () => {
    const plan = prerequisitePlan(machine({ os: osRelease.ubuntu, uid: 1000, lacks: ['/usr/bin/chromium', 'make'] }));
    assert.deepEqual(plan.run, []);
    assert.match(plan.stop ?? '', /^ {2}sudo apt-get install -y --no-install-recommends make$/m);
    assert.match(plan.stop ?? '', /^ {2}sudo snap install chromium$/m);
  });

  it('on Ubuntu with only Chromium present, installs nothing with apt-get', () => {
    const plan = prerequisitePlan(machine({ os: osRelease.ubuntu, uid: 0, lacks: ['/usr/bin/chromium'] }));
    assert.deepEqual(plan.run, []);
    assert.match(plan.stop ?? '', /snap install chromium/);
  });

  it('on Fedora prints dnf with its package names, root or not', () => {
    const user = prerequisitePlan(machine({ os: osRelease.fedora, uid: 1000, lacks: bare }));
    assert.deepEqual(user.run, []);
    assert.match(user.stop ?? '', /^ {2}sudo dnf install -y chromium krb5-devel python3 make gcc-c\+\+$/m);
    assert.match(user.stop ?? '', /CHROMIUM_PATH=\/usr\/bin\/chromium-browser/);
    const root = prerequisitePlan(machine({ os: osRelease.fedora, uid: 0, lacks: ['python3'] }));
    assert.deepEqual(root.run, []);
    assert.match(root.stop ?? '', /^ {2}dnf install -y python3$/m);
  });

  it('on Alpine prints apk add with its package names', () => {
    const plan = prerequisitePlan(machine({ os: osRelease.alpine, uid: 0, lacks: ['/usr/include/gssapi/gssapi.h', 'g++'] }));
    assert.deepEqual(plan.run, []);
    assert.match(plan.stop ?? '', /^ {2}apk add krb5-dev g\+\+$/m);
  });

  it('on macOS prints the command line tools, Homebrew, and where Chromium lands', () => {
    const plan = prerequisitePlan(machine({ platform: 'darwin', uid: 501, lacks: bare }));
    assert.deepEqual(plan.run, []);
    const lines = (plan.stop ?? '').split('\n').filter((l) => l.startsWith('  ') && !l.startsWith('  -')).map((l) => l.trim());
    assert.deepEqual(lines, ['xcode-select --install', 'brew install python', 'brew install --cask chromium']);
    assert.match(plan.stop ?? '', /CHROMIUM_PATH=\/Applications\/Chromium\.app\/Contents\/MacOS\/Chromium/);
  });

  it('on an unknown system lists what is missing, installs nothing, and still stops', () => {
    const plan = prerequisitePlan(machine({ os: osRelease.arch, uid: 0, lacks: ['make'] }));
    assert.deepEqual(plan.run, []);
    assert.match(plan.stop ?? '', /make \(node-gyp/);
    assert.match(plan.stop ?? '', /package manager/);
  });

  it('says when CHROMIUM_PATH points where there is no file', () => {
    const plan = prerequisitePlan(machine({ os: osRelease.debian, uid: 1000, chromiumPath: '/opt/none' }));
    assert.match(plan.stop ?? '', /CHROMIUM_PATH is set to \/opt\/none/);
  });
});
