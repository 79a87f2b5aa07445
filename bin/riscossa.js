#!/usr/bin/env node
// Riscossa runs its TypeScript sources directly on Node.js 24 (type stripping, no build step).
// The compile cache keeps the stripped and compiled modules between runs: a faster start.
import { enableCompileCache } from 'node:module';

enableCompileCache?.();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv);
