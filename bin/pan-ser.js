#!/usr/bin/env node
// Shim: the CLI lives in dist/ (built by `npm ci` through the prepare script).
import '../dist/main.js';
