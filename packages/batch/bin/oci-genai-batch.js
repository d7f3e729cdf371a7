#!/usr/bin/env node
// A committed entry point, so that package managers can link the command before dist/ is built.
await import('../dist/cli/main.js');
