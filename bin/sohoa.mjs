#!/usr/bin/env node
// The `sohoa` command. Runs the TypeScript sources through tsx's loader so the CLI needs no build
// step; the Electron app bundles the same modules with esbuild instead.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
