// Rules about the repository itself, checked on its files (no build needed):
//   - the seven labels are written in one order everywhere they are written: C++ (src/core/emotion_labels.h,
//     the English UI row), JavaScript (tools/classify.mjs), Python (training/face/data.py,
//     training/voice/voice_data.py) and the model cards;
//   - product code never imports test code: nothing outside tests/ and bench/ imports from tests/.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { LABELS } from '../../tools/classify.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path) => readFileSync(join(root, path), 'utf8');
const quoted = (text) => [...text.matchAll(/["']([a-z]+)["']/g)].map((m) => m[1]);

test('the seven labels are in one order in C++, JavaScript, Python and the model cards', () => {
  const order = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
  assert.deepEqual(LABELS, order, 'tools/classify.mjs');
  const cpp = read('src/core/emotion_labels.h').match(/kEmotionNames = \{([^}]*)\}/);
  assert.ok(cpp, 'kEmotionNames in src/core/emotion_labels.h');
  assert.deepEqual(quoted(cpp[1]), LABELS, 'src/core/emotion_labels.h');
  const english = read('src/ui/labels.cpp').match(/\{"en", \{([^}]*)\}\}/);
  assert.ok(english, 'the English row in src/ui/labels.cpp');
  assert.deepEqual(quoted(english[1]), LABELS, 'src/ui/labels.cpp (en)');
  for (const path of ['training/face/data.py', 'training/voice/voice_data.py']) {
    const python = read(path).match(/^CLASSES = \[([^\]]*)\]/m);
    assert.ok(python, `CLASSES in ${path}`);
    assert.deepEqual(quoted(python[1]), LABELS, path);
  }
  for (const card of ['models/face_emotion.json', 'models/voice_emotion.json'])
    assert.deepEqual(JSON.parse(read(card)).classes, LABELS, card);
});

// Every source file under `dir` (relative to the repository), skipping build output and dependencies.
function sources(dir) {
  const out = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(root, dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(relative(root, path)));
    else if (/\.(mjs|js|cjs|py|sh|cpp|h|cmake)$/.test(name) || name === 'CMakeLists.txt') out.push(relative(root, path));
  }
  return out;
}

test('no file outside tests/ and bench/ imports from tests/', () => {
  const importsTests = /(\bfrom\s+['"][^'"]*\btests\/|\bimport\(\s*['"][^'"]*\btests\/|\brequire\(\s*['"][^'"]*\btests\/|sys\.path\.[a-z]+\([^)]*["']tests["'])/;
  const product = ['src', 'web', 'tools', 'training', 'cmake'].flatMap(sources);
  assert.ok(product.length > 50, `found ${product.length} product files`);
  const offenders = product.filter((path) => importsTests.test(read(path)));
  assert.deepEqual(offenders, []);
});
