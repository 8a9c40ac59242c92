// Types of build/prerequisites.mjs for its unit tests and the code-server installer.
export interface MachineProbe {
  platform: string;
  /** /etc/os-release's text, if there is one. */
  osRelease: string | undefined;
  uid: number;
  /** CHROMIUM_PATH, if set. */
  chromiumPath: string | undefined;
  hasFile(file: string): boolean;
  hasCommand(name: string): boolean;
}
export type PrerequisiteId = 'chromium' | 'krb5' | 'python3' | 'make' | 'g++';
export interface PrerequisitePlan {
  missing: PrerequisiteId[];
  run: string[][];
  stop: string | undefined;
}
export const defaultChromiumPath: string;
export const prerequisites: Array<{ id: PrerequisiteId; what: string }>;
export function parseOsRelease(text: string | undefined): { id: string; idLike: string[] };
export function systemFamily(probe: MachineProbe): 'debian' | 'ubuntu' | 'fedora' | 'alpine' | 'macos' | 'unknown';
export function missingPrerequisites(probe: MachineProbe): PrerequisiteId[];
export function commandLine(argv: string[]): string;
export function prerequisitePlan(probe: MachineProbe): PrerequisitePlan;
export function realProbe(env?: NodeJS.ProcessEnv): MachineProbe;
