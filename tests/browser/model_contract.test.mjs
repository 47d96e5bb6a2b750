// The model contract: a model that does not match its card, a card that does not offer what the app
// reads, or a card that cannot be read, is refused at load with a readable reason; the rest of the app
// works. Each case serves a copy of dist/ with one card changed.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { startServer } from '../../tools/serve.mjs';
import { launchBrowser, waitForState } from '../support/browser.mjs';
import { writeQuietMedia } from '../support/fake_media.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = join(root, 'build', 'browser-tests', 'model-contract');

const CASES = [
  {
    name: 'an output the model does not have',
    model: 'face_emotion',
    change: (card) => { card.contract.outputs[0].name = 'scores'; },
    error: /does not match its card: outputs are \[probs\], the card says \[scores\]/,
  },
  {
    name: 'an input of another shape',
    model: 'face_emotion',
    change: (card) => { card.contract.inputs[0].shape = ['N', 1, 64, 64]; },
    error: /input "input": dimension 2 is 48, the card says 64/,
  },
  {
    name: 'a card that says logits where the app reads probabilities',
    model: 'voice_emotion',
    change: (card) => { card.contract.outputs[0].values = 'logits'; },
    error: /its output "probs" holds logits, the app needs probabilities/,
  },
  {
    name: 'no card at all',
    model: 'voice_emotion',
    change: null,
    error: /its card models\/voice_emotion.json could not be read/,
  },
];

for (const c of CASES) {
  test(`${c.name}: the ${c.model} model is refused with the reason, the rest of the app works`, async () => {
    const site = join(scratch, c.model + '-' + CASES.indexOf(c));
    rmSync(site, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    cpSync(join(root, 'dist'), site, { recursive: true });
    const cardPath = join(site, 'models', `${c.model}.json`);
    if (c.change) {
      const card = JSON.parse(readFileSync(cardPath, 'utf8'));
      c.change(card);
      writeFileSync(cardPath, JSON.stringify(card));
    } else {
      rmSync(cardPath);
    }
    const { server, url } = await startServer({ root: site, port: 0, base: '/attune/', quiet: true });
    const context = await launchBrowser(writeQuietMedia(scratch));
    try {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(url + 'index.html');
      const others = Object.keys((await waitForState(page, (s) => s.models, { what: 'the models' })).models).filter((m) => m !== c.model);
      const state = await waitForState(page, (s) => s.models[c.model].state === 'failed'
        && others.every((m) => s.models[m].state === 'ready') && s.catalog.loaded,
      { what: `${c.model} refused, the other models ready`, timeout: 90000 });
      assert.match(state.models[c.model].error, c.error);
      const later = await waitForState(page, (s) => s.frame > state.frame + 10, { what: 'the frame loop to go on' });
      assert.ok(later.frame > state.frame);
      // Said to everyone, screen readers included.
      await page.waitForFunction(() => /is unavailable/.test(document.getElementById('a11y-status').textContent));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      server.close();
    }
  });
}

// The deployed cards are the repository's, less the cross-validation of other recipes (tools/assemble_dist.sh:
// first-visit bytes), which they point to: every figure of the shipped model and its contract stay.
test('a deployed card is its repository card without other recipes', () => {
  for (const name of ['face_detector', 'face_emotion', 'voice_emotion']) {
    const repository = JSON.parse(readFileSync(join(root, 'models', `${name}.json`), 'utf8'));
    const deployed = JSON.parse(readFileSync(join(root, 'dist', 'models', `${name}.json`), 'utf8'));
    if ('cv_by_family' in repository) {
      assert.match(deployed.cv_by_family, new RegExp(`models/${name}\\.json in the repository`), name);
      repository.cv_by_family = deployed.cv_by_family;
    }
    assert.deepEqual(deployed, repository, name);
  }
});
