// Types of build/oktaSdkParts.mjs for the tests that build dist/okta.js's way.
import type { BuildOptions } from 'esbuild';

export function oktaBundles(options: BuildOptions, where: { entry: string; outdir: string; root: string }): BuildOptions[];
export const oktaSdkWhole: string[];
