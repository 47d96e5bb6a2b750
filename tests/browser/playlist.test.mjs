// Taking the music away: the music service Listen opens, the session's playlist and its exports (M3U8,
// JSPF, CSV as real downloads made in the page), a catalog's own links, a kept playlist and Forget, and a
// kiosk visitor's QR code read back off a screenshot by a real decoder (zbarimg, Debian zbar-tools).
// Readings are injected (?debug=inputs); every control is pressed as a person would (a real click).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import {
  clickTarget, launchBrowser, quietAppSession, quietScreenshot, readState, scrollIntoView, tapTarget, waitForState,
} from '../support/browser.mjs';
import { HAPPY } from '../support/moods.mjs';

const session = quietAppSession('playlist');

// Runs in the page before its scripts: window.open records what it was asked to open and opens nothing,
// so that no music service is ever loaded.
function recordOpenedLinks() {
  window.openedLinks = [];
  window.open = (url, target, features) => {
    window.openedLinks.push({ url: String(url), target, features });
    return null;
  };
}

// Runs in the page before its scripts: the Clipboard API's writeText records the text and whether the
// listener's click was still active when the page called it (Firefox and Safari copy only then), and
// succeeds. The system clipboard itself is the browser's: headless Chromium on the CI machine refused it
// for a page this test had just brought to the front, so the test checks what is ours.
function recordClipboardWrites() {
  window.clipboardWrites = [];
  if (!navigator.clipboard) return;
  navigator.clipboard.writeText = (text) => {
    window.clipboardWrites.push({ text: String(text), inGesture: navigator.userActivation.isActive });
    return Promise.resolve();
  };
}

// Each test starts with nothing stored (the tests share one browser profile).
async function openApp(query = '?debug=inputs', { catalog, initScript } = {}) {
  const page = await session.context.newPage();
  // A tall window, so that four rows of the list are in view at once without scrolling.
  await page.setViewportSize({ width: 1280, height: 1600 });
  await page.addInitScript(recordOpenedLinks);
  if (initScript) await page.addInitScript(initScript);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  // The context's route also sees what the service worker fetches.
  if (catalog) {
    await session.context.route('**/attune/test-catalog.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(catalog) }));
  }
  await page.goto(session.url);
  await page.evaluate(() => localStorage.clear());
  await page.goto(session.url + query);
  await waitForState(page, (s) => s.catalog.loaded || s.catalog.error, { what: 'a catalog' });
  return { page, requests };
}

// A face model's readings, ten a second for as long as the page lives, so that the mood (and the list)
// stays while the test clicks.
async function recommendationsShown(page) {
  await page.evaluate((p) => setInterval(() => window.attuneDebug.inject(0, p), 100), HAPPY);
  return waitForState(page, (s) => s.recommendations.length > 0 && s.ui.listen_0?.visible, { what: 'recommendations' });
}

const opened = (page) => page.evaluate(() => window.openedLinks);

// What a playlist test's timeout shows: the whole state is cut short in the log before the parts that say
// what went wrong.
const playlistPart = (s) => ({ frame: s.frame, feedback_count: s.feedback_count, rankings: s.rankings, playlist: s.playlist,
  kiosk: s.kiosk, capturing: s.capturing });

// Likes the track in row `row` and waits until the playlist holds `count` tracks and the list has re-ranked
// after the vote: the next row a test reads or presses must be from the list the person now sees (liking
// a row of the older list could press the track just liked, which undoes the like).
async function likeRow(page, row, count) {
  const { rankings } = await readState(page);
  await clickTarget(page, `like_${row}`);
  return waitForState(page, (s) => s.playlist.tracks.length === count && s.rankings > rankings,
    { what: `${count} liked tracks, re-ranked`, show: playlistPart });
}

async function chooseService(page, id) {
  await clickTarget(page, 'listen_service');
  await clickTarget(page, `listen_service_${id}`);
  await waitForState(page, (s) => s.listen_service === id, { what: `the service ${id}` });
}

function expectOnlySameOrigin(requests) {
  const origin = new URL(session.url).origin;
  const foreign = requests.filter((u) => !u.startsWith(origin) && !/^(data|blob):/.test(u));
  assert.deepEqual(foreign, [], 'no request left the page origin');
}

test('Spotify chosen: Listen opens a Spotify search in a new tab without opener, and the choice is remembered', async () => {
  const { page, requests } = await openApp();
  await recommendationsShown(page);
  await chooseService(page, 'spotify');
  await clickTarget(page, 'listen_0');
  const [link] = await opened(page);  // window.open ran inside the click's handler
  assert.ok(link, 'a link was opened');
  const state = await waitForState(page, (s) => s.playlist.tracks.length === 1, { what: 'the opened track in the playlist' });
  const track = state.playlist.tracks[0];
  assert.equal(link.url, `https://open.spotify.com/search/${encodeURIComponent(track.artist)}%20${encodeURIComponent(track.title)}`
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()));
  assert.equal(link.target, '_blank');
  assert.match(link.features, /noopener/);
  assert.match(link.features, /noreferrer/);
  assert.equal(track.opened, true);
  assert.equal(track.link, link.url, 'the playlist holds the link that was opened');

  // Remembered in this browser; a kiosk neither reads nor writes it.
  await page.reload();
  await waitForState(page, (s) => s.catalog.loaded && s.listen_service === 'spotify', { what: 'the remembered service' });
  const kiosk = await openApp('?kiosk=1&debug=inputs');
  assert.equal((await readState(kiosk.page)).listen_service, 'youtube');
  await kiosk.page.close();
  expectOnlySameOrigin(requests);
  await page.close();
});

// A small CSV reader (RFC 4180: quoted fields, doubled quotes, CRLF rows).
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  return rows;
}

async function download(page, target) {
  const arrived = page.waitForEvent('download', { timeout: 15000 });
  await clickTarget(page, target);
  const file = await arrived;
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

test('three likes and one opened track: the M3U8, JSPF and CSV downloads hold them in order', async () => {
  const { page, requests } = await openApp();
  let downloads = 0;
  page.on('download', () => downloads++);
  await recommendationsShown(page);
  let state;
  for (const n of [1, 2, 3]) state = await likeRow(page, n - 1, n);
  // Open a track not liked yet.
  const liked = new Set(state.playlist.tracks.map((t) => t.id));
  const row = state.recommendations.findIndex((r) => !liked.has(r.id));
  await clickTarget(page, `listen_${row}`);
  state = await waitForState(page, (s) => s.playlist.tracks.length === 4, { what: 'the opened track in the playlist' });
  const tracks = state.playlist.tracks;
  assert.deepEqual(tracks.map((t) => [t.liked, t.opened]), [[true, false], [true, false], [true, false], [false, true]]);
  assert.ok(tracks.every((t) => /^while /.test(t.mood)), 'each with the mood at that moment');

  await clickTarget(page, 'playlist');
  const m3u = await download(page, 'save_m3u8');
  assert.match(m3u.name, /^attune-playlist-\d{4}-\d\d-\d\d\.m3u8$/);
  const lines = m3u.text.trimEnd().split('\n');
  assert.equal(lines[0], '#EXTM3U');
  assert.match(lines[1], /^#PLAYLIST:Attune playlist, /);
  assert.deepEqual(lines.slice(2).filter((l) => l.startsWith('#EXTINF:')), tracks.map((t) => `#EXTINF:-1,${t.artist} - ${t.title}`));
  assert.deepEqual(lines.slice(2).filter((l) => !l.startsWith('#')), tracks.map((t) => t.link));

  const jspf = JSON.parse((await download(page, 'save_jspf')).text);
  assert.equal(jspf.playlist.creator, 'Attune');
  assert.deepEqual(jspf.playlist.track.map((t) => [t.creator, t.title, t.location[0]]), tracks.map((t) => [t.artist, t.title, t.link]));

  const csv = await download(page, 'save_csv');
  assert.match(csv.name, /\.csv$/);
  const rows = parseCsv(csv.text);
  assert.deepEqual(rows[0], ['position', 'artist', 'title', 'link', 'note', 'mood']);
  assert.deepEqual(rows.slice(1).map((r) => [r[0], r[1], r[2], r[3]]), tracks.map((t, i) => [String(i + 1), t.artist, t.title, t.link]));

  await page.mouse.move(400, 1580);  // no tooltip in the picture
  await page.waitForTimeout(500);
  await quietScreenshot(page, join(session.screenshots, 'playlist-panel.png'));

  // The same export from the page's accessible region, by keyboard.
  const keyboardSave = page.waitForEvent('download', { timeout: 15000 });
  await page.getByRole('button', { name: 'Save the playlist (4 tracks) as M3U8' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(readFileSync(await (await keyboardSave).path(), 'utf8'), m3u.text);

  await page.waitForTimeout(1000);
  assert.equal(downloads, 4, 'one download per activation (the frame does not repeat what the click handler did)');
  assert.equal((await opened(page)).length, 1, 'one tab for one Listen');
  expectOnlySameOrigin(requests);
  await page.close();
});

function catalogOf(tracks) {
  return { schema: 'attune-catalog', version: 1, name: 'links test', tracks };
}

// Twelve happy tracks by different artists, each with its own Spotify link.
const linkedTracks = Array.from({ length: 12 }, (_, i) => ({
  id: `t${i}`, artist: `Artist ${i}`, title: `Song ${i}`, valence: 0.6 + i * 0.02, arousal: 0.3,
  links: { spotify: `https://open.spotify.com/track/direct${i}` },
}));

test("a catalog's own link wins over a search; a link outside its service's hosts is refused by track and field", async () => {
  const { page } = await openApp('?debug=inputs&catalog=test-catalog.json', { catalog: catalogOf(linkedTracks) });
  await waitForState(page, (s) => s.catalog.loaded && s.catalog.name === 'links test', { what: 'the linked catalog' });
  await session.context.unrouteAll();
  await recommendationsShown(page);
  await chooseService(page, 'spotify');
  let state = await readState(page);
  const first = state.recommendations[0];
  assert.equal(first.url, `https://open.spotify.com/track/direct${first.id.slice(1)}`);
  await clickTarget(page, 'listen_0');
  await waitForState(page, (s) => s.playlist.tracks.length === 1, { what: 'the opened track' });
  state = await readState(page);
  assert.equal((await opened(page))[0].url, state.playlist.tracks[0].link);
  assert.match(state.playlist.tracks[0].link, /^https:\/\/open\.spotify\.com\/track\/direct\d+$/);
  // No YouTube link in the catalog: YouTube gets a search.
  await chooseService(page, 'youtube');
  state = await readState(page);
  assert.match(state.recommendations[0].url, /^https:\/\/www\.youtube\.com\/results\?search_query=Artist%20\d+%20Song%20\d+$/);
  await page.close();

  const bad = linkedTracks.map((t) => ({ ...t, links: { ...t.links } }));
  bad[3].links.spotify = 'https://open.spotify.com.evil.example/track/3';
  const refused = await openApp('?debug=inputs&catalog=test-catalog.json', { catalog: catalogOf(bad) });
  const s = await waitForState(refused.page, (st) => st.catalog.loaded && st.catalog.error, { what: 'the refusal and the bundled catalog' });
  await session.context.unrouteAll();
  assert.match(s.catalog.error, /tracks\[3\]\.links\.spotify: expected a link on open\.spotify\.com, got one on "open\.spotify\.com\.evil\.example"/);
  assert.equal(s.catalog.tracks, 1802, 'the bundled catalog is used instead');
  await refused.page.close();
});

test('a kept playlist survives a reload, is listed as stored, and Forget removes it', async () => {
  const { page } = await openApp();
  await recommendationsShown(page);
  let state = await likeRow(page, 0, 1);
  const id = state.playlist.tracks[0].id;
  await clickTarget(page, 'playlist');
  await clickTarget(page, 'keep_playlist');
  await waitForState(page, (s) => s.playlist.kept, { what: 'the playlist kept', show: playlistPart });
  assert.ok(await page.evaluate(() => localStorage.getItem('attune.playlist')), 'stored in this browser');

  await page.reload();
  state = await waitForState(page, (s) => s.catalog.loaded && s.playlist.tracks.length === 1, { what: 'the kept playlist back' });
  assert.equal(state.playlist.tracks[0].id, id);
  assert.equal(state.playlist.kept, true);
  await clickTarget(page, 'privacy');
  await clickTarget(page, 'forget');
  state = await waitForState(page, (s) => s.playlist.tracks.length === 0 && !s.playlist.kept, { what: 'the playlist forgotten' });
  assert.equal(await page.evaluate(() => localStorage.getItem('attune.playlist')), null);
  await page.reload();
  state = await waitForState(page, (s) => s.catalog.loaded, { what: 'the app again' });
  assert.equal(state.playlist.tracks.length, 0, 'nothing comes back');
  await page.close();
});

// The code on screen, read by a real decoder: zbarimg prints the bytes it holds (-Sbinary: no guessing of
// the character set; the code says UTF-8 itself).
function decodeQr(png) {
  return execFileSync('zbarimg', ['--quiet', '--raw', '-Sbinary', png]).toString('utf8').replace(/\n$/, '');
}

test('kiosk: Stop shows the visit\'s playlist as a QR code that decodes to its text, and the idle reset clears it', async () => {
  // Idle reset after 15 s without a face or a tap (the fake camera shows no face; the test's taps count).
  const { page } = await openApp('?kiosk=1&idle=15&debug=inputs');
  await page.mouse.click(640, 400);  // a kiosk starts on any tap
  await waitForState(page, (s) => s.capturing, { what: 'capture' });
  await recommendationsShown(page);
  for (const n of [1, 2, 3]) await likeRow(page, n - 1, n);
  let state = await readState(page);
  assert.equal(state.playlist.keepable, false, 'never kept in kiosk mode');
  const tracks = state.playlist.tracks;
  await clickTarget(page, 'start');  // Stop: the visitor is done
  state = await waitForState(page, (s) => s.take_home.visible && s.take_home.modules > 0 && s.ui.qr_code?.visible, { what: 'the QR code' });
  assert.equal(state.take_home.end_of_visit, true);
  const expected = [state.playlist.title, ...tracks.map((t) => `${t.artist} \u2013 ${t.title}`)].join('\n');
  assert.equal(state.take_home.text, expected);
  const shot = join(session.screenshots, 'kiosk-qr.png');
  await quietScreenshot(page, shot);
  assert.equal(decodeQr(shot), expected, 'the code holds the playlist text');

  // A tap beside the code does not start a new visit under it.
  await page.mouse.click(20, 1580);
  await page.waitForTimeout(600);
  assert.equal((await readState(page)).capturing, false);

  state = await waitForState(page, (s) => !s.take_home.visible, { what: 'the idle reset', timeout: 40000 });
  assert.equal(state.playlist.tracks.length, 0, 'the next visitor starts with an empty playlist');
  assert.equal(state.kiosk.resets, 1);
  assert.equal(state.ui.qr_code, undefined, 'no code on screen');
  await page.close();
});

test('the iso path is shown and exported in its order, and "Copy as text" hands the list to the clipboard inside the click', async () => {
  const { page } = await openApp('?debug=inputs&strategy=iso', { initScript: recordClipboardWrites });
  await recommendationsShown(page);
  await likeRow(page, 0, 1);
  await clickTarget(page, 'playlist');
  await clickTarget(page, 'playlist_iso');
  const state = await waitForState(page, (s) => s.playlist.showing === 'iso', { what: 'the iso path in the panel', show: playlistPart });
  const path = state.recommendations;
  const m3u = await download(page, 'save_m3u8');
  assert.match(m3u.name, /^attune-iso-path-/);
  assert.deepEqual(m3u.text.split('\n').filter((l) => l.startsWith('#EXTINF:')), path.map((r) => `#EXTINF:-1,${r.artist} - ${r.title}`),
    'the path, step by step');
  assert.deepEqual(m3u.text.trimEnd().split('\n').filter((l) => !l.startsWith('#')), path.map((r) => r.url));

  await clickTarget(page, 'playlist_session');
  // The session's one track instead of the path's ten: "Copy as text" moves up; press it where it is now.
  await waitForState(page, (s) => s.playlist.showing === 'session', { what: 'the session playlist in the panel' });
  await clickTarget(page, 'copy_text');
  await waitForState(page, (s) => s.playlist.copy === 1, { what: 'the copy', show: (s) => s.playlist });
  const writes = await page.evaluate(() => window.clipboardWrites);
  assert.equal(writes.length, 1, 'one copy for one click');
  assert.ok(writes[0].inGesture, 'copied inside the click, where Firefox and Safari allow it');
  const [liked] = (await readState(page)).playlist.tracks;
  assert.deepEqual(writes[0].text.split('\n'), [state.playlist.title, `${liked.artist} \u2013 ${liked.title}`, liked.link]);
  await page.close();
});

test('phone (390x844, touch): Listen on by tap, Listen, and the QR code readable off the phone screen', async () => {
  const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
  const context = await launchBrowser({ screen: phone });
  try {
    const page = await context.newPage();
    await page.addInitScript(recordOpenedLinks);
    await page.goto(session.url + '?debug=inputs');
    await waitForState(page, (s) => s.catalog.loaded && s.layout.mode === 'narrow', { what: 'the phone layout' });
    await recommendationsShown(page);
    await scrollIntoView(page, page, phone.viewport, 'listen_service');
    await tapTarget(page, 'listen_service');
    await tapTarget(page, 'listen_service_deezer');
    await waitForState(page, (s) => s.listen_service === 'deezer', { what: 'Deezer chosen by tap' });
    await scrollIntoView(page, page, phone.viewport, 'listen_0');
    await tapTarget(page, 'listen_0');
    const state = await waitForState(page, (s) => s.playlist.tracks.length === 1, { what: 'the tapped track in the playlist' });
    const [link] = await opened(page);
    assert.match(link.url, /^https:\/\/www\.deezer\.com\/search\//);
    assert.equal(link.url, state.playlist.tracks[0].link);
    assert.deepEqual(state.layout.overflow, {}, 'nothing cut off at the right');

    await scrollIntoView(page, page, phone.viewport, 'playlist');
    await tapTarget(page, 'playlist');
    await scrollIntoView(page, page, phone.viewport, 'show_qr');
    await tapTarget(page, 'show_qr');
    const shown = await waitForState(page, (s) => s.take_home.visible && s.ui.qr_code?.visible && s.ui.close_qr?.visible, { what: 'the QR code' });
    assert.ok(shown.ui.qr_code.w <= phone.viewport.width && shown.ui.close_qr.h >= 44, 'the code fits, Close is a finger wide');
    const shot = join(session.screenshots, 'phone-qr.png');
    await quietScreenshot(page, shot);
    assert.equal(decodeQr(shot), shown.take_home.text);
    await tapTarget(page, 'close_qr');
    await waitForState(page, (s) => !s.take_home.visible, { what: 'the code closed' });
  } finally {
    await context.close();
  }
});
