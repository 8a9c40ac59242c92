// Types of build/oktaSdkParts.mjs for the tests that build dist/okta.js's way.
import type { Plugin } from 'esbuild';

export function oktaSdkParts(): Plugin;
export const oktaSdkWhole: string[];
