#!/usr/bin/env node
// simcc's command: the compiled CLI (npm run build) does everything, including the exit status.
import '../dist/cli/main.js';
