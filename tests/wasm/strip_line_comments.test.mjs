// dist/'s JavaScript loses its whole-line comments (tools/strip_line_comments.mjs) and nothing else:
// code, trailing comments and template-literal text that looks like a comment stay.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { stripLineComments } from '../../tools/strip_line_comments.mjs';

test('whole-line comments go; code, trailing comments and template text stay', () => {
  const source = [
    '// a comment with an odd backtick `',
    'const x = 1;  // trailing comment stays',
    '  // an indented comment',
    'const t = `first line',
    '// text inside a template literal',
    'last line`;',
    "const url = 'https://example.org/a';",
  ].join('\n');
  assert.equal(stripLineComments(source), [
    'const x = 1;  // trailing comment stays',
    'const t = `first line',
    '// text inside a template literal',
    'last line`;',
    "const url = 'https://example.org/a';",
  ].join('\n'));
});

test('an escaped backtick does not open a template', () => {
  assert.equal(stripLineComments("const s = '\\`';\n// gone\nconst y = 2;"), "const s = '\\`';\nconst y = 2;");
});
