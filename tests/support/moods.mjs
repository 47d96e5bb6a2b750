// Readings the tests inject (window.attuneDebug.inject): seven probabilities in label order
// angry, disgust, fear, happy, sad, surprise, neutral (src/core/emotion_labels.h).
export const HAPPY = [0.01, 0.01, 0.01, 0.93, 0.01, 0.02, 0.01];
export const SAD = [0.01, 0.01, 0.02, 0.01, 0.93, 0.01, 0.01];
