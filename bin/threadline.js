#!/usr/bin/env node
// The `threadline` command. The sources are TypeScript, run through tsx, so
// there is no build step between editing and running.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
