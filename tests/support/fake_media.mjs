// Writes the fake camera (y4m, exact pixels) and fake microphone (wav) files Chromium plays to the app
// in browser tests (--use-file-for-fake-video-capture / --use-file-for-fake-audio-capture).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';

// frames: array of { y: Uint8Array(w*h), u: Uint8Array(w*h/4), v: Uint8Array(w*h/4) }
export function writeY4m(path, width, height, fps, frames) {
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const parts = [header];
  for (const f of frames) {
    parts.push(Buffer.from('FRAME\n'), Buffer.from(f.y), Buffer.from(f.u), Buffer.from(f.v));
  }
  writeFileSync(path, Buffer.concat(parts));
}

// RGB (Uint8Array w*h*3) -> YUV 4:2:0 with full-range BT.601, as the "C420jpeg" tag says.
export function rgbToYuv420(rgb, width, height) {
  const y = new Uint8Array(width * height);
  const u = new Uint8Array((width / 2) * (height / 2));
  const v = new Uint8Array((width / 2) * (height / 2));
  const clamp = (x) => Math.max(0, Math.min(255, Math.round(x)));
  for (let i = 0; i < width * height; i++) {
    const r = rgb[i * 3], g = rgb[i * 3 + 1], b = rgb[i * 3 + 2];
    y[i] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
  }
  for (let j = 0; j < height / 2; j++) {
    for (let i = 0; i < width / 2; i++) {
      let r = 0, g = 0, b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
        const k = ((j * 2 + dy) * width + i * 2 + dx) * 3;
        r += rgb[k]; g += rgb[k + 1]; b += rgb[k + 2];
      }
      r /= 4; g /= 4; b /= 4;
      u[j * (width / 2) + i] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
      v[j * (width / 2) + i] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
    }
  }
  return { y, u, v };
}

// A moving colour gradient: enough for a live camera path, not a face.
export function gradientFrames(width, height, count) {
  const frames = [];
  for (let n = 0; n < count; n++) {
    const rgb = new Uint8Array(width * height * 3);
    for (let j = 0; j < height; j++) {
      for (let i = 0; i < width; i++) {
        const k = (j * width + i) * 3;
        rgb[k] = (i + n * 4) % 256;
        rgb[k + 1] = (j * 255) / height;
        rgb[k + 2] = 128;
      }
    }
    frames.push(rgbToYuv420(rgb, width, height));
  }
  return frames;
}

// 16-bit PCM mono WAV from float samples in [-1, 1].
export function writeWav(path, samples, sampleRate) {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, s)) * 32767), i * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0); header.writeUInt32LE(36 + data.length, 4); header.write('WAVE', 8);
  header.write('fmt ', 12); header.writeUInt32LE(16, 16); header.writeUInt16LE(1, 20); header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24); header.writeUInt32LE(sampleRate * 2, 28); header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34); header.write('data', 36); header.writeUInt32LE(data.length, 40);
  writeFileSync(path, Buffer.concat([header, data]));
}

// Samples in [-1, 1] and rate of a 16-bit PCM mono WAV (such as the RAVDESS files under ../shared/data).
export function readWavSamples(path) {
  const bytes = readFileSync(path);
  const sampleRate = bytes.readUInt32LE(24);
  const at = bytes.indexOf('data', 12);
  const pcm = bytes.subarray(at + 8, at + 8 + bytes.readUInt32LE(at + 4));
  return { samples: Float32Array.from({ length: pcm.length >> 1 }, (_, i) => pcm.readInt16LE(i * 2) / 32768), sampleRate };
}

export function toneSamples(seconds, sampleRate, frequency, level = 0.3) {
  const samples = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < samples.length; i++) samples[i] = level * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
  return samples;
}

// RGBA pixels -> PNG file (8-bit RGBA, no filtering), for test images.
export function writePng(path, rgba, width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0); header.writeUInt32BE(height, 4);
  header[8] = 8; header[9] = 6;  // 8 bits, RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  writeFileSync(path, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}

// The fake devices for tests that only need them live: a moving gradient (no face) and silence.
// Returns the paths { video, audio } written under `dir`.
export function writeQuietMedia(dir) {
  const video = join(dir, 'gradient.y4m');
  const audio = join(dir, 'silence.wav');
  writeY4m(video, 320, 240, 15, gradientFrames(320, 240, 15));
  writeWav(audio, new Float32Array(48000 * 2), 48000);
  return { video, audio };
}

// The fake devices for tests that need sound the microphone hears: a moving gradient (no face) and a
// 220 Hz tone (3 s, looped by the browser). Returns the paths { video, audio } written under `dir`.
export function writeToneMedia(dir) {
  const video = join(dir, 'gradient.y4m');
  const audio = join(dir, 'tone.wav');
  writeY4m(video, 320, 240, 15, gradientFrames(320, 240, 30));
  writeWav(audio, toneSamples(3, 48000, 220), 48000);
  return { video, audio };
}
