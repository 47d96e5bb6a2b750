// Readings the tests inject (window.attuneDebug.inject): seven probabilities in label order
// angry, disgust, fear, happy, sad, surprise, neutral (src/core/emotion_labels.h).
export const HAPPY = [0.01, 0.01, 0.01, 0.93, 0.01, 0.02, 0.01];
export const SAD = [0.01, 0.01, 0.02, 0.01, 0.93, 0.01, 0.01];

// One face reading through the test hook (the page opened with ?debug=inputs); `target` is a page or a frame.
export function injectReading(target, probs) {
  return target.evaluate((p) => window.attuneDebug.inject(0, p), probs);
}

// `probs` as face readings for `seconds`, ten a second, as a face model would give them.
export async function feel(target, probs, seconds) {
  for (let i = 0; i < seconds * 10; i++) {
    await injectReading(target, probs);
    await target.waitForTimeout(100);
  }
}
