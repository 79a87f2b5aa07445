#!/usr/bin/env node
// Riscossa runs its TypeScript sources directly on Node.js 24 (type stripping, no build step).
import '../src/cli/main.ts';
