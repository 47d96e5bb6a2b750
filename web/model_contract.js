// The model contract: every model ships with a card (models/<name>.json) whose "contract" lists its
// inputs and outputs (name, element type, shape; for outputs what the values are: "probabilities",
// "logits", "raw"). A loaded model is checked against its card, and the card against what the app needs
// of it, before anything runs: a re-exported or wrong model is refused with a readable reason instead of
// giving wrong moods without a word. Used by the page (web/ort_bridge.js, loaded by index.html) and by
// the command-line tools (tools/classify.mjs, through require).
(function (root) {
  'use strict';

  function names(list) { return '[' + list.join(', ') + ']'; }

  function sameSet(a, b) {
    return a.length === b.length && a.every(function (x) { return b.indexOf(x) >= 0; });
  }

  // Symbolic dimensions (strings, null) match anything; numbers must be equal.
  function shapeMismatch(actual, expected) {
    if (!actual || !expected) return null;
    if (actual.length !== expected.length) return actual.length + ' dimensions, the card says ' + expected.length;
    for (var i = 0; i < actual.length; i++) {
      if (typeof actual[i] === 'number' && typeof expected[i] === 'number' && actual[i] !== expected[i])
        return 'dimension ' + i + ' is ' + actual[i] + ', the card says ' + expected[i];
    }
    return null;
  }

  // The session's inputs or outputs against the card's list; metadata: ORT's inputMetadata or
  // outputMetadata ([{name, isTensor, type, shape}]) where the runtime offers it.
  function compareSide(side, actualNames, metadata, expected) {
    var wanted = expected.map(function (e) { return e.name; });
    if (!sameSet(actualNames, wanted)) return side + ' are ' + names(actualNames) + ', the card says ' + names(wanted);
    if (!metadata) return null;
    for (var i = 0; i < expected.length; i++) {
      var meta = metadata.find ? metadata.find(function (m) { return m.name === expected[i].name; }) : null;
      if (!meta || meta.isTensor === false) continue;
      if (expected[i].type && meta.type && meta.type !== expected[i].type)
        return side.slice(0, -1) + ' "' + expected[i].name + '" holds ' + meta.type + ', the card says ' + expected[i].type;
      var shape = shapeMismatch(meta.shape, expected[i].shape);
      if (shape) return side.slice(0, -1) + ' "' + expected[i].name + '": ' + shape + ' (' + JSON.stringify(expected[i].shape) + ')';
    }
    return null;
  }

  // Returns null when `session` matches `card` and the card offers what `expects` asks
  // ("output:values", e.g. "probs:probabilities"; "" asks nothing); otherwise one readable sentence.
  function checkModelContract(session, card, expects, cardName) {
    var where = ' (its card ' + cardName + ')';
    var contract = card && card.contract;
    if (!contract || !Array.isArray(contract.inputs) || !Array.isArray(contract.outputs))
      return 'its card ' + cardName + ' has no contract (inputs and outputs)';
    var problem = compareSide('inputs', session.inputNames, session.inputMetadata, contract.inputs) ||
                  compareSide('outputs', session.outputNames, session.outputMetadata, contract.outputs);
    if (problem) return 'the model does not match its card: ' + problem + where;
    if (expects) {
      var parts = expects.split(':');
      var output = contract.outputs.find(function (o) { return o.name === parts[0]; });
      if (!output) return 'the app reads output "' + parts[0] + '", which the model does not have' + where;
      if (output.values !== parts[1])
        return 'its output "' + parts[0] + '" holds ' + (output.values || 'unstated values') + ', the app needs ' + parts[1] + where;
    }
    return null;
  }

  if (typeof module === 'object' && module.exports) module.exports = { checkModelContract: checkModelContract };
  else root.attuneCheckModelContract = checkModelContract;
})(this);
