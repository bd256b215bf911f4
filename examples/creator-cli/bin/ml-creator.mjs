#!/usr/bin/env node
// ml-creator: see examples/creator-cli/README.md or run `ml-creator --help`.
import { run } from '../src/cli.mjs';

process.exitCode = await run(process.argv.slice(2));
