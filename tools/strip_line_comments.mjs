#!/usr/bin/env node
// Removes whole-line `//` comments from our own JavaScript in dist/ (first-visit bytes, issue #16: about
// 2.5 KB gzip over sw.js and web/*.js). The repository keeps the commented sources. Only lines whose
// first non-blank characters are `//` go, and never inside a template literal (a line that starts
// within backticks is text, not a comment); everything else is left exactly as it was.
//   node tools/strip_line_comments.mjs FILE.js ...
import { readFileSync, writeFileSync } from 'node:fs';

export function stripLineComments(source) {
  const kept = [];
  let inTemplate = false;
  for (const line of source.split('\n')) {
    if (!inTemplate && /^\s*\/\//.test(line)) continue;  // a comment line (its backticks are prose)
    kept.push(line);
    // Backticks not escaped toggle template literals (our sources put none inside strings or regexes).
    for (let i = 0; i < line.length; i++) {
      if (line[i] === '\\') i++;
      else if (line[i] === '`') inTemplate = !inTemplate;
    }
  }
  return kept.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of process.argv.slice(2)) writeFileSync(file, stripLineComments(readFileSync(file, 'utf8')));
}
